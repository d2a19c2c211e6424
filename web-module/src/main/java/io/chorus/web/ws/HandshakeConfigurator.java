package io.chorus.web.ws;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/**
 * The handshake of {@code /ws}: collects the token and device id of the upgrade into the connection's
 * user properties and echoes the client's first sub-protocol. It decides nothing: see
 * {@link HandshakeCredentials}. Each socket gets a plain {@link ChatEndpoint}.
 *
 * <p>The token comes from {@code Authorization} ({@code Bearer } optional) or, for browsers that
 * cannot set headers, the {@code token} query parameter; the device from the {@code did} header or
 * query parameter. A header wins over a query parameter.
 */
public class HandshakeConfigurator extends SocketConfigurator<ChatSockets> {
    private static final String BEARER = "Bearer ";

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
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        super.modifyHandshake(sec, request, response);
        String token = token(header(request, "Authorization"), parameter(request, "token"));
        String did = firstNonBlank(header(request, "did"), parameter(request, "did"));
        // The container hands each upgrade its own copy of the config (Jakarta WebSocket 2.1), so this
        // does not leak between connections.
        sec.getUserProperties().put(HandshakeCredentials.USER_PROPERTY,
                new HandshakeCredentials(token, did, ConnectionAttemptFilter.verifiedOnThisThread(token)));
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

    private static String firstNonBlank(String preferred, String fallback) {
        if (preferred != null && !preferred.isBlank()) {
            return preferred.trim();
        }
        return fallback == null || fallback.isBlank() ? null : fallback.trim();
    }

    /** The access token of an upgrade: the {@code Authorization} header wins over the {@code token} parameter. */
    static String token(String authorizationHeader, String tokenParameter) {
        return stripBearer(firstNonBlank(authorizationHeader, tokenParameter));
    }

    static String stripBearer(String token) {
        if (token != null && token.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String bare = token.substring(BEARER.length()).trim();
            return bare.isEmpty() ? null : bare;
        }
        return token;
    }
}
