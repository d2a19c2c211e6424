package io.chorus.web.ws;

import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * The handshake of {@code /jim}: records the client's address, which {@code Cmd_Auth} counts log-ins
 * against, for the endpoint. Each socket gets a plain {@link JimEndpoint}.
 */
public class JimConfigurator extends SocketConfigurator<JimSockets> {
    /** Key of the client's network address in the connection's user properties. */
    static final String ADDRESS_PROPERTY = "io.chorus.web.ws.address";

    public JimConfigurator() {
        super(JimSockets.class);
    }

    @Override
    protected Object newEndpoint(JimSockets sockets) {
        return new JimEndpoint(sockets);
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        super.modifyHandshake(sec, request, response);
        String address = ConnectionAttemptFilter.currentAddress();
        if (address != null) {
            sec.getUserProperties().put(ADDRESS_PROPERTY, address);
        }
    }

    /** The client's address, as {@link ConnectionAttemptFilter} saw it; "unknown" if it did not run. */
    static String takeAddress(Session session, EndpointConfig config) {
        Object address = take(session, config, ADDRESS_PROPERTY);
        return address instanceof String known ? known : "unknown";
    }
}
