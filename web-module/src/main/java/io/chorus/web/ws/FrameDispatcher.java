package io.chorus.web.ws;

import io.chorus.app.error.ErrorCode;
import io.chorus.web.protocol.a.ChatFrame;
import io.chorus.web.protocol.a.ClientAck;
import io.chorus.web.protocol.a.FrameEncoder;
import io.chorus.web.protocol.a.InboundFrame;
import io.chorus.web.protocol.a.RevokeFrame;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Routes each decoded frame to the use case for its kind, one method per kind of the closed set
 * {@link InboundFrame}. This is the seam the messaging work fills in: each arm calls a service and
 * answers through the connection; nothing else in the socket layer changes.
 */
@ApplicationScoped
public class FrameDispatcher implements InboundFrame.Handler<ClientConnection> {
    private static final Logger LOG = Logger.getLogger(FrameDispatcher.class.getName());

    @Inject
    FrameEncoder encoder;

    public void dispatch(ClientConnection connection, InboundFrame frame) {
        frame.dispatchTo(this, connection);
    }

    /** C2C/C2G sends: not served yet, so they are refused like an unknown type (nothing is stored). */
    @Override
    public void onChat(ChatFrame frame, ClientConnection connection) {
        notServedYet(connection, frame.id());
    }

    /** C2C/C2G revokes: not served yet, refused like an unknown type. */
    @Override
    public void onRevoke(RevokeFrame frame, ClientConnection connection) {
        notServedYet(connection, frame.id());
    }

    /** Well-formed acks are accepted and, until delivery tracking exists, have nothing to settle. */
    @Override
    public void onClientAck(ClientAck ack, ClientConnection connection) {
        LOG.fine(() -> "Connection " + connection.id() + " acknowledged " + ack.type() + " " + ack.msgId());
    }

    private void notServedYet(ClientConnection connection, String ref) {
        connection.send(encoder.error(ErrorCode.UNKNOWN_TYPE, ref));
    }
}
