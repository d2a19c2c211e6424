package io.chorus.it.admin;

import static io.chorus.it.support.Frames.c2c;
import static io.chorus.it.support.Frames.newId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Users;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Prometheus metrics and readiness, served by the application (SPEC §9). */
class ObservabilityIT extends BlackBoxIT {
    private static final URI BASE = URI.create("http://127.0.0.1:8080");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void metrics_countTheTrafficOfATest() throws Exception {
        TestUser alice = Users.signup(rest, "alice");
        TestUser bob = Users.signup(rest, "bob");
        Users.befriend(rest, alice, bob);
        Login a = Users.login(rest, alice, "phone");
        Login b = Users.login(rest, bob, "phone");
        double sendsBefore = counter("chorus_sends_total");
        double deliveriesBefore = counter("chorus_deliveries_total");
        double acksBefore = counter("chorus_acks_total");
        try (WsClient aws = WsClient.connect(a); WsClient bws = WsClient.connect(b)) {
            for (int i = 0; i < 3; i++) {
                String id = newId();
                aws.send(c2c(id, bob.uid(), "counted " + i));
                assertEquals("C2C_SERVER_ACK", aws.nextJson().getString("type"));
                assertEquals(id, bws.nextJson().getString("id"));
                bws.send("CLIENT_ACK,C2C," + id + ",phone");
            }
            bws.send("ping");
            assertEquals("pong2", bws.nextText());
            String metrics = get("/metrics");
            assertTrue(counter(metrics, "chorus_sends_total") >= sendsBefore + 3, metrics);
            assertTrue(counter(metrics, "chorus_deliveries_total") >= deliveriesBefore + 3);
            assertTrue(counter(metrics, "chorus_acks_total") >= acksBefore + 3);
            assertTrue(counter(metrics, "chorus_connections") >= 2);
            assertTrue(metrics.contains("chorus_events_dropped_total"), "dropped cluster events are counted");
            assertTrue(metrics.contains("chorus_delivery_latency_seconds_bucket"), "a latency histogram");
        }
    }

    @Test
    void readiness_reportsTheDatabaseAndTheBroker() throws Exception {
        JsonObject health = Json.createReader(new StringReader(get("/health/ready"))).readObject();
        assertEquals("UP", health.getString("status"), health::toString);
        var names = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> "UP".equals(c.getString("status"))).map(c -> c.getString("name")).toList();
        assertTrue(names.contains("database") && names.contains("broker"), health::toString);
    }

    private static double counter(String name) throws Exception {
        return counter(get("/metrics"), name);
    }

    /** The sum of a metric's samples (one per label set) in the Prometheus text. */
    private static double counter(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics);
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(2));
        }
        return sum;
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(BASE.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
