package io.chorus.it.admin;

import static io.chorus.it.support.Frames.c2c;
import static io.chorus.it.support.Frames.newId;
import static io.chorus.it.support.Metrics.counter;
import static io.chorus.it.support.Metrics.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Prometheus metrics and readiness, served by the application (SPEC §9). */
class ObservabilityIT extends BlackBoxIT {
    @Test
    void metrics_countTheTrafficOfATest() throws Exception {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login a = people.login(alice, "phone");
        Login b = people.login(bob, "phone");
        double sendsBefore = counter("chorus_sends_total");
        double deliveriesBefore = counter("chorus_deliveries_total");
        double acksBefore = counter("chorus_acks_total");
        try (WsClient aws = people.connect(a); WsClient bws = people.connect(b)) {
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
            assertTrue(metrics.contains("chorus_sends_busy_total"), "sends refused for back-pressure are counted");
            assertTrue(metrics.contains("chorus_send_batches_split_total"), "batches stored one send at a time are counted");
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
}
