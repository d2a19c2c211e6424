package io.chorus.web.protocol.a;

/**
 * A {@code C2C_EDIT} or {@code C2G_EDIT}: the author replaces the text of its message {@code id}
 * sent to {@code to} (a uid or a gid) with {@code text}.
 */
public record EditFrame(ChatType type, String id, String to, String text) implements InboundFrame {

    @Override
    public String ref() {
        return id;
    }

    @Override
    public <C> void dispatchTo(Handler<C> handler, C context) {
        handler.onEdit(this, context);
    }

    /** Every field but the text: a message's content must never reach a log line. */
    @Override
    public String toString() {
        return "EditFrame[type=" + type + ", id=" + id + ", to=" + to + "]";
    }
}
