package io.chorus.web.protocol.a;

/**
 * A {@code C2C_READ} or {@code C2G_READ}: the connected user has read its conversation with
 * {@code to} (a uid or a gid) up to {@code seq}.
 */
public record ReadFrame(ChatType type, String to, long seq) implements InboundFrame {

    @Override
    public <C> void dispatchTo(Handler<C> handler, C context) {
        handler.onRead(this, context);
    }
}
