package io.chorus.web.dialect.a;

import io.chorus.web.socket.ClientConnection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.logging.Logger;

/**
 * Dialect A, {@code /ws} (SPEC §4): the state of one socket; what is done with it is {@link ChatSockets}'.
 *
 * <p>A plain object, made by {@link HandshakeConfigurator} for each socket: an idle connection costs
 * what it holds, and a CDI-injected instance per socket would add a creational context per injected
 * bean and an EJB proxy to each of them (docs/PERFORMANCE.md, <i>connections</i>).
 */
@ServerEndpoint(value = "/ws", configurator = HandshakeConfigurator.class)
public class ChatEndpoint {
    private static final Logger LOG = Logger.getLogger(ChatEndpoint.class.getName());

    private final ChatSockets sockets;
    // Null until authenticated, and for a rejected socket: frames arriving then are ignored.
    private volatile ClientConnection connection;
    // Messages of one session are delivered one at a time, so the assembler needs no lock.
    private TextAssembler assembler;

    ChatEndpoint(ChatSockets sockets) {
        this.sockets = sockets;
    }

    @OnOpen
    public void onOpen(Session session, EndpointConfig config) {
        assembler = sockets.newAssembler();
        connection = sockets.open(session, config);
    }

    @OnMessage
    public void onText(String part, boolean last) {
        ClientConnection current = connection;
        if (current == null) {
            return;
        }
        String text;
        try {
            text = assembler.add(part, last);
        } catch (TextAssembler.TooBig tooBig) {
            sockets.tooBig(current);
            return;
        }
        if (text != null) {
            sockets.onText(current, text);
        }
    }

    @OnMessage
    public void onBinary(ByteBuffer ignored) {
        ClientConnection current = connection;
        if (current != null) {
            sockets.onBinary(current);
        }
    }

    @OnClose
    public void onClose(Session session, CloseReason reason) {
        sockets.closed(connection);
        LOG.fine(() -> "Connection " + session.getId() + " closed with " + reason.getCloseCode().getCode());
    }

    @OnError
    public void onError(Session session, Throwable error) {
        sockets.closed(connection);
        LOG.fine(() -> "Connection " + session.getId() + " failed: " + error.getClass().getName());
    }
}
