package io.chorus.web.protocol.a;

import jakarta.json.JsonObject;

/**
 * A {@code C2C} or {@code C2G} message as the client sent it: {@code id} is the client's message id
 * (an xid), {@code to} the peer's uid or the group's gid, {@code payload} the client's object exactly
 * as parsed (it always has a string {@code msg_type}), {@code payloadJson} its JSON text as it is
 * stored and forwarded (serialised once, by the decoder, which also measured it against the limit),
 * {@code createdAt} the client's clock in epoch ms.
 */
public record ChatFrame(ChatType type, String id, String to, JsonObject payload, String payloadJson, long createdAt)
        implements InboundFrame {

    @Override
    public String ref() {
        return id;
    }

    @Override
    public <C> void dispatchTo(Handler<C> handler, C context) {
        handler.onChat(this, context);
    }
}
