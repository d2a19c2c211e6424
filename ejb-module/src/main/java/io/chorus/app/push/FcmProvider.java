package io.chorus.app.push;

import io.chorus.app.json.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Firebase Cloud Messaging, HTTP v1: {@code POST /v1/projects/<project>/messages:send} with the
 * service account's OAuth 2.0 token ({@link FcmCredentials}), one message per push.
 */
@ApplicationScoped
public class FcmProvider {
    private static final Logger LOG = Logger.getLogger(FcmProvider.class.getName());
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    PushSettings settings;

    volatile FcmCredentials credentials;
    volatile java.time.Clock clock = java.time.Clock.systemUTC();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();

    public PushOutcome send(PushJob job) {
        if (!settings.fcmEnabled()) {
            return PushOutcome.FAILED;
        }
        FcmCredentials account = credentials();
        Optional<String> token = account.accessToken(clock.instant());
        if (token.isEmpty()) {
            LOG.fine("FCM: no access token (the token endpoint refused or could not be reached)");
            return PushOutcome.RETRY;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.fcmUrl() + "/v1/projects/" + account.projectId() + "/messages:send"))
                .timeout(TIMEOUT).header("Authorization", "Bearer " + token.get()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(message(job, settings.ttlSeconds()).toString())).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 401) {
                account.refused();
            }
            return outcomeOf(response.statusCode(), errorCode(response.body()));
        } catch (IOException unreachable) {
            LOG.fine(() -> "FCM unreachable for device " + job.deviceId() + ": " + unreachable);
            return PushOutcome.RETRY;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return PushOutcome.RETRY;
        }
    }

    /** The v1 message: a notification for the tray, Chorus' fields as data (FCM data values are strings). */
    static JsonObject message(PushJob job, long ttlSeconds) {
        PushNotice notice = job.notice();
        JsonObjectBuilder data = Jsonp.object().add("count", Integer.toString(notice.count())).add("kind", notice.kind())
                .add("badge", Long.toString(notice.badge()));
        if (notice.conversation() != null) {
            data.add("conversation", notice.conversation());
        }
        return Jsonp.object().add("message", Jsonp.object()
                .add("token", job.token())
                .add("notification", Jsonp.object().add("title", notice.title()).add("body", notice.body()))
                .add("data", data)
                .add("android", Jsonp.object().add("priority", "high").add("ttl", ttlSeconds + "s")
                        .add("notification", Jsonp.object().add("notification_count", (int) Math.min(Integer.MAX_VALUE, notice.badge())))))
                .build();
    }

    /**
     * FCM's answers: 200 sent; {@code UNREGISTERED} (404) a dead token; 401 a token to get anew,
     * 429, 5xx and {@code UNAVAILABLE}/{@code INTERNAL} later; anything else (400 {@code INVALID_ARGUMENT},
     * 403 {@code SENDER_ID_MISMATCH}) fails.
     */
    static PushOutcome outcomeOf(int status, String errorCode) {
        if (status == 200) {
            return PushOutcome.SENT;
        }
        if ("UNREGISTERED".equals(errorCode) || (status == 404 && errorCode == null)) {
            return PushOutcome.DEAD;
        }
        if (status == 401 || status == 429 || status >= 500 || "UNAVAILABLE".equals(errorCode) || "QUOTA_EXCEEDED".equals(errorCode)) {
            return PushOutcome.RETRY;
        }
        return PushOutcome.FAILED;
    }

    /** The FCM error code in {@code error.details[].errorCode}, else {@code error.status}. */
    static String errorCode(String body) {
        try {
            JsonObject error = Jsonp.readObject(body).getJsonObject("error");
            if (error == null) {
                return null;
            }
            if (error.containsKey("details") && error.get("details").getValueType() == JsonValue.ValueType.ARRAY) {
                for (JsonValue detail : error.getJsonArray("details")) {
                    if (detail instanceof JsonObject d && d.containsKey("errorCode")) {
                        return d.getString("errorCode");
                    }
                }
            }
            return error.getString("status", null);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private FcmCredentials credentials() {
        FcmCredentials current = credentials;
        if (current == null) {
            current = new FcmCredentials(settings.fcmServiceAccount(), settings.fcmTokenUri());
            credentials = current;
        }
        return current;
    }
}
