package io.chorus.web.protocol.a;

/**
 * A {@code C2C_REVOKE} or {@code C2G_REVOKE}: the author takes back message {@code id} sent to
 * {@code to} (a uid or a gid).
 */
public record RevokeFrame(ChatType type, String id, String to) implements InboundFrame {

    @Override
    public String ref() {
        return id;
    }

    @Override
    public <C> void dispatchTo(Handler<C> handler, C context) {
        handler.onRevoke(this, context);
    }
}
