package io.chorus.web.ws;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.message.DeliveryService;
import io.chorus.app.message.MessageService;
import io.chorus.app.message.MessageViews.DirectSend;
import io.chorus.app.message.MessageViews.RevokeReceipt;
import io.chorus.app.message.MessageViews.SendReceipt;
import io.chorus.web.protocol.a.ChatFrame;
import io.chorus.web.protocol.a.ChatType;
import io.chorus.web.protocol.a.ClientAck;
import io.chorus.web.protocol.a.FrameEncoder;
import io.chorus.web.protocol.a.InboundFrame;
import io.chorus.web.protocol.a.RevokeFrame;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Routes each decoded frame to the use case for its kind, one method per kind of the closed set
 * {@link InboundFrame}. This is the seam the messaging work fills in: each arm calls a service and
 * answers through the connection; nothing else in the socket layer changes.
 */
@ApplicationScoped
public class FrameDispatcher implements InboundFrame.Handler<ClientConnection> {

    @Inject
    FrameEncoder encoder;

    @Inject
    MessageService messages;

    @Inject
    DeliveryService deliveries;

    public void dispatch(ClientConnection connection, InboundFrame frame) {
        frame.dispatchTo(this, connection);
    }

    /**
     * C2C: stored, then acknowledged (the service returns after the commit). C2G is not served yet
     * and is refused like an unknown type (nothing is stored).
     */
    @Override
    public void onChat(ChatFrame frame, ClientConnection connection) {
        if (frame.type() != ChatType.C2C) {
            notServedYet(connection, frame.id());
            return;
        }
        try {
            SendReceipt receipt = messages.sendDirect(connection.caller(),
                    new DirectSend(frame.id(), frame.to(), frame.payload().toString(), frame.createdAt()));
            connection.send(encoder.serverAck(frame.type(), receipt.wireId(), receipt.serverTs(), receipt.seq()));
        } catch (ChorusException refused) {
            connection.send(encoder.error(refused.code(), frame.id(), refused.getMessage()));
        }
    }

    /** C2C revoke by its author: {@code C2C_REVOKE_ACK} after the commit. C2G is not served yet. */
    @Override
    public void onRevoke(RevokeFrame frame, ClientConnection connection) {
        if (frame.type() != ChatType.C2C) {
            notServedYet(connection, frame.id());
            return;
        }
        try {
            RevokeReceipt receipt = messages.revokeDirect(connection.caller(), frame.id(), frame.to());
            connection.send(encoder.revokeAck(frame.type(), receipt.wireId(), receipt.serverTs()));
        } catch (ChorusException refused) {
            connection.send(encoder.error(refused.code(), frame.id(), refused.getMessage()));
        }
    }

    /** {@code CLIENT_ACK,C2C,...} settles this device's copy; an unknown id is an error frame. */
    @Override
    public void onClientAck(ClientAck ack, ClientConnection connection) {
        try {
            if (!"C2C".equals(ack.type())) {
                throw new ChorusException(ErrorCode.UNKNOWN_MESSAGE);
            }
            deliveries.acknowledge(connection.caller(), ack.msgId());
            connection.feed().acknowledged(ack.msgId());
        } catch (ChorusException refused) {
            connection.send(encoder.error(refused.code(), ack.msgId(), refused.getMessage()));
        }
    }

    private void notServedYet(ClientConnection connection, String ref) {
        connection.send(encoder.error(ErrorCode.UNKNOWN_TYPE, ref));
    }
}
