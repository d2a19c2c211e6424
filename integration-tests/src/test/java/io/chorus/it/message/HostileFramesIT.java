package io.chorus.it.message;

import static io.chorus.it.support.Frames.assertRefusal;
import static io.chorus.it.support.Frames.c2c;
import static io.chorus.it.support.Frames.newId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SPEC §10 against the messaging path: a table of malformed and hostile frames, each answered by
 * an error frame (code 1, its reason), none changing the database, and the connection usable
 * after every one of them. A message to an unknown uid is not in the table: the friendship gate
 * (SPEC §7) answers it with a {@code not_a_friend} notice, not an error frame.
 */
class HostileFramesIT extends BlackBoxIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void everyHostileFrame_getsItsErrorAndChangesNothing() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        TestUser carol = people.user("carol");
        // Carol's setup message and Alice's final real one both go to Bob.
        people.befriend(alice, bob);
        people.befriend(carol, bob);
        Login alicePhone = people.login(alice, "phone");
        people.login(bob, "phone");
        Login carolPhone = people.login(carol, "phone");
        String bobsMessage;
        try (WsClient carolClient = people.connect(carolPhone)) {
            bobsMessage = newId();
            carolClient.send(c2c(bobsMessage, bob.uid(), "for bob"));
            carolClient.nextJson(WAIT);
        }
        String to = bob.uid();
        String payload = "{\"msg_type\":\"text\",\"text\":\"hi\"}";
        Map<String, String> frames = new LinkedHashMap<>();
        frames.put("{oops", "malformed");
        frames.put("[1,2]", "malformed");
        frames.put("\"just a string\"", "malformed");
        frames.put("{\"type\":\"C2X\",\"id\":\"h1\"}", "unknown_type");
        frames.put("{\"id\":\"h2\",\"to\":\"" + to + "\"}", "unknown_type");
        frames.put("{\"type\":\"C2C\",\"id\":\"h3\",\"payload\":" + payload + ",\"created_at\":1}", "invalid_field");
        frames.put("{\"type\":\"C2C\",\"to\":\"" + to + "\",\"payload\":" + payload + ",\"created_at\":1}", "invalid_field");
        frames.put("{\"type\":\"C2C\",\"id\":\"h5\",\"to\":\"" + to + "\",\"created_at\":1}", "invalid_field");
        frames.put("{\"type\":\"C2C\",\"id\":\"h6\",\"to\":\"" + to + "\",\"payload\":\"text\",\"created_at\":1}", "invalid_field");
        frames.put("{\"type\":\"C2C\",\"id\":\"h7\",\"to\":\"" + to + "\",\"payload\":{\"text\":\"no type\"},\"created_at\":1}", "invalid_field");
        frames.put("{\"type\":\"C2C\",\"id\":\"h8\",\"to\":\"" + to + "\",\"payload\":{\"msg_type\":7},\"created_at\":1}", "invalid_field");
        frames.put("{\"type\":\"C2C\",\"id\":42,\"to\":\"" + to + "\",\"payload\":" + payload + ",\"created_at\":1}", "invalid_field");
        frames.put("{\"type\":\"C2C\",\"id\":\"" + "i".repeat(65) + "\",\"to\":\"" + to + "\",\"payload\":" + payload + ",\"created_at\":1}", "invalid_field");
        frames.put("{\"type\":\"C2C\",\"id\":\"h10\",\"from\":\"" + carol.uid() + "\",\"to\":\"" + to + "\",\"payload\":" + payload + ",\"created_at\":1}", "forged_from");
        frames.put("{\"type\":\"C2C\",\"id\":\"h11\",\"to\":\"" + to + "\",\"payload\":{\"msg_type\":\"text\",\"text\":\"" + "x".repeat(70_000) + "\"},\"created_at\":1}", "payload_too_large");
        frames.put("{\"type\":\"C2C\",\"id\":\"h12\",\"to\":\"" + to + "\",\"payload\":" + payload + ",\"created_at\":\"yesterday\"}", "invalid_field");
        frames.put("{\"type\":\"C2C\",\"id\":\"h13\",\"to\":\"" + to + "\",\"payload\":{\"msg_type\":\"text\",\"deep\":" + "[".repeat(100) + "]".repeat(100) + "},\"created_at\":1}", "malformed");
        frames.put("{\"type\":\"C2C\",\"type\":\"C2G\",\"id\":\"h14\"}", "malformed");
        frames.put("CLIENT_ACK,C2C", "bad_ack");
        frames.put("CLIENT_ACK,C2C,someid,another-device", "bad_ack");
        frames.put("CLIENT_ACK,XYZ,someid,phone", "bad_ack");
        frames.put("CLIENT_ACK,C2C," + bobsMessage + ",phone", "unknown_message");
        frames.put("{\"type\":\"C2C_REVOKE\",\"id\":\"" + bobsMessage + "\",\"to\":\"" + to + "\"}", "unknown_message");

        try (WsClient client = people.connect(alicePhone)) {
            Map<String, String> before = Db.snapshot();
            frames.forEach((frame, reason) -> {
                client.send(frame);
                JsonObject error = client.nextJson(WAIT);
                String label = frame.length() > 80 ? frame.substring(0, 80) + "…" : frame;
                assertEquals("error", error.getString("type"), label);
                assertEquals(1, error.getInt("code"), label);
                assertEquals(reason, error.getJsonObject("payload").getString("reason"), label);
                client.send("ping");
                assertEquals("pong2", client.nextText(WAIT), "usable after " + label);
            });
            client.send("{\"type\":\"C2C\",\"id\":\"h9\",\"to\":\"NoSuchUser1\",\"payload\":" + payload + ",\"created_at\":1}");
            assertRefusal(client.nextJson(WAIT), "h9", alicePhone.uid(), "not_a_friend");
            client.send("ping");
            assertEquals("pong2", client.nextText(WAIT), "usable after the unknown recipient");
            assertEquals(before, Db.snapshot(), "no hostile frame changed anything");
            assertEquals(frames.size(), 23);

            client.send(c2c(newId(), to, "and a real one still works"));
            assertEquals("C2C_SERVER_ACK", client.nextJson(WAIT).getString("type"));
        }
    }
}
