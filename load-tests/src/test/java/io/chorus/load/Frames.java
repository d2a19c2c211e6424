package io.chorus.load;

import java.util.Set;

/**
 * The few `/ws` frames the scenarios write, and a field reader for the frames the server writes. The
 * server's field order is fixed (docs/PROTOCOL.md) and the payloads the scenarios send have no
 * `id`, `type` or `seq` key, so the first occurrence of a key is the top-level one.
 */
final class Frames {

    /** Every load device has this did: an ack names it, and the auto-reply cannot know the session. */
    static final String DID = "load";

    /** S2C notices written once and never stored: acknowledging them answers `unknown_message`. */
    private static final Set<String> ONE_SHOT = Set.of("online", "offline", "hide", "logged_another_device",
            "not_a_friend", "in_denylist");

    private Frames() {
    }

    static String message(String type, String id, String to, long sentMs, long seq) {
        return "{\"type\":\"" + type + "\",\"id\":\"" + id + "\",\"to\":\"" + to
                + "\",\"payload\":{\"msg_type\":\"text\",\"text\":\"load test message\",\"lt\":" + sentMs
                + ",\"ls\":" + seq + "},\"created_at\":" + sentMs + "}";
    }

    /**
     * A text message with the given text (letters, digits, spaces, hyphens and CJK only: nothing the
     * JSON string needs escaped), carrying the send time and sequence like {@link #message}.
     */
    static String text(String type, String id, String to, String text, long sentMs, long seq) {
        return "{\"type\":\"" + type + "\",\"id\":\"" + id + "\",\"to\":\"" + to
                + "\",\"payload\":{\"msg_type\":\"text\",\"text\":\"" + text + "\",\"lt\":" + sentMs
                + ",\"ls\":" + seq + "},\"created_at\":" + sentMs + "}";
    }

    /**
     * The CLIENT_ACK a real client sends for a stored message or notice, or null. Gatling calls this
     * for every inbound text frame on its I/O thread (`wsAutoReplyTextFrame`), so the ack leaves the
     * moment the frame arrives, as it would from a real client.
     */
    static String autoAck(String frame) {
        if (!frame.startsWith("{\"id\":\"")) {
            return null; // acks, errors, pong2: not deliveries
        }
        String type = string(frame, "type");
        if (type == null) {
            return null;
        }
        switch (type) {
            case "C2C", "C2G" -> {
                return "CLIENT_ACK," + type + "," + string(frame, "id") + "," + DID;
            }
            case "S2C" -> {
                String msgType = string(frame, "msg_type");
                return msgType == null || ONE_SHOT.contains(msgType) ? null
                        : "CLIENT_ACK,S2C," + string(frame, "id") + "," + DID;
            }
            default -> {
                return null;
            }
        }
    }

    /** The string value of the first `"key":"…"` in the frame, or null. */
    static String string(String json, String key) {
        String k = "\"" + key + "\":\"";
        int i = json.indexOf(k);
        if (i < 0) {
            return null;
        }
        int start = i + k.length();
        int end = json.indexOf('"', start);
        return end < 0 ? null : json.substring(start, end);
    }

    /** The whole-number value of the first `"key":n` in the frame, or -1. */
    static long number(String json, String key) {
        String k = "\"" + key + "\":";
        int i = json.indexOf(k);
        if (i < 0) {
            return -1;
        }
        int p = i + k.length();
        long v = 0;
        boolean any = false;
        while (p < json.length()) {
            char c = json.charAt(p);
            if (c < '0' || c > '9') {
                break;
            }
            v = v * 10 + (c - '0');
            any = true;
            p++;
        }
        return any ? v : -1;
    }
}
