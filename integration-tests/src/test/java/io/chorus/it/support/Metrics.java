package io.chorus.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The application's Prometheus metrics and health (SPEC §9), as the test server serves them. */
public final class Metrics {
    private static final URI BASE = URI.create("http://127.0.0.1:8080");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Metrics() {
    }

    /** The body of a GET of {@code path} on the server (e.g. {@code /metrics}). */
    public static String get(String path) {
        return get(BASE, path);
    }

    /** The same on the server at {@code base} (a node a test started itself). */
    public static String get(URI base, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A metric's value now: the sum of its samples (one per label set). */
    public static double counter(String name) {
        return counter(get("/metrics"), name);
    }

    /** A metric's value now on the server at {@code base}. */
    public static double counter(URI base, String name) {
        return counter(get(base, "/metrics"), name);
    }

    /** A metric's value in this Prometheus text: the sum of its samples (one per label set). */
    public static double counter(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(2));
        }
        return sum;
    }
}
