package io.chorus.web.dialect.b;

import io.chorus.web.socket.handshake.SocketConfigurator;
import io.chorus.web.socket.handshake.UpgradeAttempt;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * The handshake of {@code /jim}: records the client's address, which {@code Cmd_Auth} counts log-ins
 * against, for the endpoint. Each socket gets a plain {@link JimEndpoint}.
 */
public class JimConfigurator extends SocketConfigurator<JimSockets> {
    /** Key of the client's network address in the connection's user properties. */
    static final String ADDRESS_PROPERTY = JimConfigurator.class.getName() + ".address";

    public JimConfigurator() {
        super(JimSockets.class);
    }

    @Override
    protected Object newEndpoint(JimSockets sockets) {
        return new JimEndpoint(sockets);
    }

    @Override
    protected void handOver(ServerEndpointConfig sec, HandshakeRequest request, UpgradeAttempt attempt) {
        if (attempt.address() != null) {
            sec.getUserProperties().put(ADDRESS_PROPERTY, attempt.address());
        }
    }

    /** The client's address, as the connection attempt filter saw it; "unknown" if it did not run. */
    static String takeAddress(Session session, EndpointConfig config) {
        Object address = take(session, config, ADDRESS_PROPERTY);
        return address instanceof String known ? known : "unknown";
    }
}
