package io.chorus.web.protocol.a;

/** A {@code C2C_TYPING} or {@code C2G_TYPING}: the connected user is typing to {@code to} (a uid or a gid). */
public record TypingFrame(ChatType type, String to) implements InboundFrame {

    @Override
    public <C> void dispatchTo(Handler<C> handler, C context) {
        handler.onTyping(this, context);
    }
}
