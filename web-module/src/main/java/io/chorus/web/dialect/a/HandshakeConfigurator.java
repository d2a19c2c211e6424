package io.chorus.web.dialect.a;

import io.chorus.web.socket.handshake.HandshakeCredentials;
import io.chorus.web.socket.handshake.SocketConfigurator;
import io.chorus.web.socket.handshake.UpgradeAttempt;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/**
 * The handshake of {@code /ws}: collects the token and device id of the upgrade into the connection's
 * user properties and echoes the client's first sub-protocol. It decides nothing: see
 * {@link HandshakeCredentials}, which also says where the token and the device id are read from.
 * Each socket gets a plain {@link ChatEndpoint}.
 */
public class HandshakeConfigurator extends SocketConfigurator<ChatSockets> {

    public HandshakeConfigurator() {
        super(ChatSockets.class);
    }

    HandshakeConfigurator(ChatSockets sockets) {
        super(() -> sockets);
    }

    @Override
    protected Object newEndpoint(ChatSockets sockets) {
        return new ChatEndpoint(sockets);
    }

    @Override
    protected void handOver(ServerEndpointConfig sec, HandshakeRequest request, UpgradeAttempt attempt) {
        HandshakeCredentials.of(header(request, "Authorization"), parameter(request, "token"), header(request, "did"),
                parameter(request, "did"), attempt).leaveIn(sec);
    }

    /** Clients of the Erlang server had to offer a sub-protocol and expect it back; any one will do. */
    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return requested == null || requested.isEmpty() ? "" : requested.get(0);
    }

    private static String header(HandshakeRequest request, String name) {
        // Header names are case-insensitive; not every container's map is.
        for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
            if (name.equalsIgnoreCase(header.getKey())) {
                return first(header.getValue());
            }
        }
        return null;
    }

    private static String parameter(HandshakeRequest request, String name) {
        Map<String, List<String>> parameters = request.getParameterMap();
        return parameters == null ? null : first(parameters.get(name));
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
