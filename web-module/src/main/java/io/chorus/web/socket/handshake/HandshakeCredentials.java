package io.chorus.web.socket.handshake;

import io.chorus.app.account.TokenSubject;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * What the upgrade request claimed: the access token and the device id, and {@code verified}, whose
 * the token is if {@link ConnectionAttemptFilter} already found it genuine (else null). The handshake
 * only collects them; the endpoint decides, because an auth failure must reach the client as an
 * error frame after the upgrade (SPEC §4), not as an HTTP status.
 *
 * <p>The token comes from {@code Authorization} ({@code Bearer } optional) or, for browsers that
 * cannot set headers, the {@code token} query parameter; the device from the {@code did} header or
 * query parameter. A header wins over a query parameter.
 */
public record HandshakeCredentials(String token, String did, TokenSubject verified) {
    /** Key of this record in the connection's user properties. */
    static final String USER_PROPERTY = HandshakeCredentials.class.getName();
    private static final String BEARER = "Bearer ";

    /** The credentials of an upgrade from its headers and query parameters (null where absent). */
    public static HandshakeCredentials of(String authorizationHeader, String tokenParameter, String didHeader,
                                          String didParameter, UpgradeAttempt attempt) {
        String token = token(authorizationHeader, tokenParameter);
        return new HandshakeCredentials(token, firstNonBlank(didHeader, didParameter), attempt.verified(token));
    }

    /** Leaves these credentials in the connection's user properties, for {@link #take} on open. */
    public void leaveIn(ServerEndpointConfig sec) {
        // The container hands each upgrade its own copy of the config (Jakarta WebSocket 2.1), so this
        // does not leak between connections.
        sec.getUserProperties().put(USER_PROPERTY, this);
    }

    /**
     * The credentials of a socket's upgrade, removed from its user properties: they are read once,
     * and a token kept there would stay in memory (and in heap dumps) for the socket's whole life.
     */
    public static HandshakeCredentials take(Session session, EndpointConfig config) {
        Object stored = SocketConfigurator.take(session, config, USER_PROPERTY);
        return stored instanceof HandshakeCredentials credentials ? credentials : new HandshakeCredentials(null, null, null);
    }

    /** The access token of an upgrade: the {@code Authorization} header wins over the {@code token} parameter. */
    static String token(String authorizationHeader, String tokenParameter) {
        return stripBearer(firstNonBlank(authorizationHeader, tokenParameter));
    }

    private static String stripBearer(String token) {
        if (token != null && token.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            String bare = token.substring(BEARER.length()).trim();
            return bare.isEmpty() ? null : bare;
        }
        return token;
    }

    private static String firstNonBlank(String preferred, String fallback) {
        if (preferred != null && !preferred.isBlank()) {
            return preferred.trim();
        }
        return fallback == null || fallback.isBlank() ? null : fallback.trim();
    }

    // Never print a token, even by accident in a log line.
    @Override
    public String toString() {
        return "HandshakeCredentials[token=" + (token == null ? "absent" : "present") + ", did=" + did + "]";
    }
}
