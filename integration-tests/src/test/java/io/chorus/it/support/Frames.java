package io.chorus.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.UUID;

/** Dialect A frames as a client writes them. */
public final class Frames {
    private Frames() {
    }

    /** A fresh client message id (an xid-like string). */
    public static String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    public static String c2c(String id, String to, String text) {
        return "{\"type\":\"C2C\",\"id\":\"" + id + "\",\"to\":\"" + to + "\",\"created_at\":" + System.currentTimeMillis()
                + ",\"payload\":{\"msg_type\":\"text\",\"text\":\"" + text + "\"}}";
    }

    public static String ack(String type, String id, String did) {
        return "CLIENT_ACK," + type + "," + id + "," + did;
    }

    /**
     * The friendship gate's refusal (SPEC §7): not an error frame but an S2C notice
     * ({@code not_a_friend}, {@code in_denylist}) that names the refused message by its id, from the
     * server ({@code from} empty) to the sender.
     */
    public static void assertRefusal(JsonObject frame, String refusedId, String senderUid, String msgType) {
        assertEquals("S2C", frame.getString("type"), frame::toString);
        assertEquals(refusedId, frame.getString("id"), frame::toString);
        assertEquals("", frame.getString("from"), frame::toString);
        assertEquals(senderUid, frame.getString("to"), frame::toString);
        assertEquals(Json.createObjectBuilder().add("msg_type", msgType).build(), frame.getJsonObject("payload"), frame::toString);
        assertTrue(frame.getJsonNumber("server_ts").longValue() > 0, frame::toString);
    }
}
