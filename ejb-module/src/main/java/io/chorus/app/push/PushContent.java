package io.chorus.app.push;

import io.chorus.app.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * What a push says, by the preview policy (docs/PUSH.md): the title and body a lock screen shows,
 * the badge (the user's unread total) and how many new copies this one push stands for. A stored
 * notice never shows its content, whatever the policy.
 */
public final class PushContent {
    static final String APP = "Chorus";
    static final int MAX_TEXT = 200;

    private PushContent() {
    }

    /**
     * @param kind         the conversation kind's code of the newest copy ({@code C2C}, {@code C2G}, {@code S2C}, {@code S2G})
     * @param conversation the peer's or group's public id, for the app to open (left out under {@code none})
     */
    public static PushNotice of(PreviewPolicy policy, String kind, String senderName, String payloadJson, String conversation,
                                long badge, int count) {
        boolean notice = kind.startsWith("S");
        String many = count > 1 ? count + " new messages" : "New message";
        String title;
        String body;
        if (notice) {
            title = APP;
            body = count > 1 ? count + " new notifications" : "New notification";
        } else if (policy == PreviewPolicy.NONE) {
            title = APP;
            body = many;
        } else if (policy == PreviewPolicy.SENDER) {
            title = senderName == null ? APP : senderName;
            body = many;
        } else {
            title = senderName == null ? APP : senderName;
            body = preview(payloadJson);
        }
        return new PushNotice(title, body, badge, count, kind, policy == PreviewPolicy.NONE ? null : conversation);
    }

    /** A message's text (cut to {@value #MAX_TEXT} characters), or its kind in brackets for anything that is not text. */
    static String preview(String payloadJson) {
        JsonObject payload;
        try {
            payload = Jsonp.readObject(payloadJson);
        } catch (RuntimeException unreadable) {
            return "New message";
        }
        String type = string(payload.get("msg_type"));
        String text = string(payload.get("text"));
        if ("text".equals(type) && text != null && !text.isBlank()) {
            return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
        }
        return type == null || type.isBlank() ? "New message" : "[" + type + "]";
    }

    private static String string(JsonValue value) {
        return value instanceof JsonString s ? s.getString() : null;
    }
}
