package io.chorus.it.message;

import io.chorus.it.support.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;

/** Frames of the read-state, receipt and typing tests. */
final class Receipts {
    static final Duration WAIT = Duration.ofSeconds(20);

    private Receipts() {
    }

    static String read(String type, String to, long seq) {
        return "{\"type\":\"" + type + "\",\"to\":\"" + to + "\",\"seq\":" + seq + "}";
    }

    static String typing(String type, String to) {
        return "{\"type\":\"" + type + "\",\"to\":\"" + to + "\"}";
    }

    static String c2g(String id, String gid, String text) {
        return "{\"type\":\"C2G\",\"id\":\"" + id + "\",\"to\":\"" + gid + "\",\"created_at\":" + System.currentTimeMillis()
                + ",\"payload\":{\"msg_type\":\"text\",\"text\":\"" + text + "\"}}";
    }

    /**
     * The next frame of {@code type}, passing over the others (the messages, notices and receipts a
     * step also causes). Frames of one kind keep their order, so "the next C2C_READ has seq 3" also
     * says that no receipt came between.
     */
    static JsonObject next(WsClient ws, String type) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonObject frame = ws.nextJson(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (type.equals(frame.getString("type", ""))) {
                return frame;
            }
        }
    }

    /** The error frame's reason. */
    static String reason(JsonObject frame) {
        return frame.getJsonObject("payload").getString("reason");
    }
}
