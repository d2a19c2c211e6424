package io.chorus.web.dialect.b;

import io.chorus.web.protocol.b.Command;
import io.chorus.web.protocol.b.FramingException;
import io.chorus.web.protocol.b.Packet;
import io.chorus.web.protocol.b.PacketStreamDecoder;
import io.chorus.web.protocol.b.PacketType;
import io.chorus.web.socket.ClientConnection;
import io.chorus.web.socket.CloseCodes;
import io.chorus.web.socket.SessionWriter;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Dialect B, {@code /jim} (SPEC §6): JIM packets in binary frames, read as one byte stream. The first
 * packet must be {@code Cmd_Auth}, within the deadline and the pre-auth byte budget; after it the
 * connection is a device like any other and each packet goes to the {@link JimDispatcher}. Bytes that
 * are not JIM framing close this connection only; an unknown command is answered and the session
 * stays up.
 *
 * <p>A plain object per socket, made by {@link JimConfigurator}; what all sockets share is in
 * {@link JimSockets}.
 */
@ServerEndpoint(value = "/jim", configurator = JimConfigurator.class)
public class JimEndpoint {
    private static final Logger LOG = Logger.getLogger(JimEndpoint.class.getName());

    private final JimSockets sockets;
    private Session session;
    // Frames of one session are delivered one at a time: the decoder and the counters need no lock.
    private PacketStreamDecoder decoder;
    private long bytesBeforeAuth;
    private ScheduledFuture<?> authDeadline;
    // The client's network address, for the log-in limits of Cmd_Auth.
    private String address;
    // Null until Cmd_Auth succeeded.
    private volatile ClientConnection connection;

    JimEndpoint(JimSockets sockets) {
        this.sockets = sockets;
    }

    @OnOpen
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        address = JimConfigurator.takeAddress(session, config);
        decoder = sockets.newDecoder();
        // Frames may be of any size: partial delivery feeds the stream decoder as bytes arrive.
        session.setMaxIdleTimeout(sockets.idleTimeoutMillis());
        authDeadline = sockets.authDeadline(() -> {
            if (connection == null) {
                LOG.fine(() -> "Connection " + session.getId() + " did not authenticate in time");
                close(CloseCodes.AUTH_FAILED, "Cmd_Auth expected");
            }
        });
    }

    @OnMessage
    public void onBinary(ByteBuffer chunk, boolean last) {
        if (connection == null) {
            bytesBeforeAuth += chunk.remaining();
            if (bytesBeforeAuth > sockets.preAuthBytes()) {
                close(CloseCodes.AUTH_FAILED, "Cmd_Auth expected");
                return;
            }
        }
        List<Packet> packets;
        try {
            packets = decoder.feed(chunk);
        } catch (FramingException garbage) {
            // What came complete before the garbage still counts; then this connection goes.
            garbage.completedBefore().forEach(this::handle);
            LOG.fine(() -> "Connection " + session.getId() + " sent bytes that are not JIM framing: " + garbage.getMessage());
            close(CloseCodes.PROTOCOL_ERROR, "framing");
            return;
        }
        packets.forEach(this::handle);
    }

    /** JIM is binary; a text frame is not a packet at all. */
    @OnMessage
    public void onText(String ignored) {
        close(CloseCodes.UNSUPPORTED_DATA, "binary frames only");
    }

    private void handle(Packet packet) {
        ClientConnection current = connection;
        if (current != null) {
            sockets.dispatcher().dispatch(current, packet);
            return;
        }
        if (!session.isOpen()) {
            return;
        }
        if (packet.type() != PacketType.REQUEST || packet.command().filter(c -> c == Command.AUTH).isEmpty()) {
            // The Go server's rule: nothing but Cmd_Auth before Cmd_Auth.
            close(CloseCodes.AUTH_FAILED, "Cmd_Auth expected");
            return;
        }
        AuthCommands.AuthOutcome outcome = sockets.dispatcher().authenticate(packet, address);
        if (outcome.caller() == null) {
            // The Response says why; then the connection goes, as a failed Cmd_Auth leaves nothing to do.
            SessionWriter.refuse(session, outcome.reply(), CloseCodes.reason(CloseCodes.AUTH_FAILED, "Cmd_Auth failed"));
            return;
        }
        authDeadline.cancel(false);
        connection = sockets.connections().open(session, outcome.caller(), outcome.dialect(), opened -> opened.sendBinary(outcome.reply(), null));
        // Only the authentication needed these; an idle socket should not keep them.
        authDeadline = null;
        address = null;
    }

    @OnClose
    public void onClose(Session session, CloseReason reason) {
        forget();
        LOG.fine(() -> "Connection " + session.getId() + " closed with " + reason.getCloseCode().getCode());
    }

    @OnError
    public void onError(Session session, Throwable error) {
        forget();
        LOG.fine(() -> "Connection " + session.getId() + " failed: " + error.getClass().getName());
    }

    private void forget() {
        if (authDeadline != null) {
            authDeadline.cancel(false);
        }
        ClientConnection current = connection;
        if (current != null) {
            sockets.connections().closed(current);
        }
    }

    private void close(int code, String phrase) {
        ClientConnection current = connection;
        if (current != null) {
            current.close(code, phrase);
            return;
        }
        try {
            if (session.isOpen()) {
                session.close(CloseCodes.reason(code, phrase));
            }
        } catch (IOException | RuntimeException alreadyGone) {
            LOG.log(Level.FINE, "Connection " + session.getId() + " could not be closed cleanly", alreadyGone);
        }
    }
}
