package io.chorus.web.protocol.a;

import jakarta.json.JsonObject;

/**
 * A server notice ({@code S2C}): {@code payload.msg_type} says what happened ({@code online},
 * {@code apply_friend}, ...). {@code from} is whom it is about, and may be empty for system notices.
 */
public record Notice(String id, String from, String to, JsonObject payload, long serverTs) {
}
