package io.chorus.web.protocol.a;

/**
 * The text frame {@code CLIENT_ACK,<type>,<msgId>,<did>}: device {@code did} has message {@code msgId}.
 * {@code type} is {@code C2C}, {@code C2G} or {@code S2C}, upper case whatever the client wrote.
 */
public record ClientAck(String type, String msgId, String did) implements InboundFrame {

    @Override
    public String ref() {
        return msgId;
    }

    @Override
    public <C> void dispatchTo(Handler<C> handler, C context) {
        handler.onClientAck(this, context);
    }
}
