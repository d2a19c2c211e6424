package io.chorus.web.protocol.a;

import jakarta.json.JsonObject;

/**
 * A committed {@code C2C} or {@code C2G} message on its way to a device: the client's {@code id},
 * {@code payload} and {@code createdAt}, plus what the server knows: the author ({@code from}), when
 * it was stored ({@code serverTs}) and its place in the conversation ({@code seq}). For a group message
 * {@code to} is the group.
 */
public record OutboundMessage(ChatType type, String id, String from, String to, JsonObject payload,
        long createdAt, long serverTs, long seq) {
}
