package io.chorus.web.ws;

import io.chorus.app.account.TokenSubject;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/**
 * What the upgrade request claimed: the access token and the device id, and {@code verified}, whose
 * the token is if {@link ConnectionAttemptFilter} already found it genuine (else null). The handshake
 * only collects them; the endpoint decides, because an auth failure must reach the client as an
 * error frame after the upgrade (SPEC §4), not as an HTTP status.
 */
record HandshakeCredentials(String token, String did, TokenSubject verified) {
    /** Key of this record in the connection's user properties. */
    static final String USER_PROPERTY = HandshakeCredentials.class.getName();

    /**
     * The credentials of a socket's upgrade, removed from its user properties: they are read once,
     * and a token kept there would stay in memory (and in heap dumps) for the socket's whole life.
     */
    static HandshakeCredentials take(Session session, EndpointConfig config) {
        Object stored = SocketConfigurator.take(session, config, USER_PROPERTY);
        return stored instanceof HandshakeCredentials credentials ? credentials : new HandshakeCredentials(null, null, null);
    }

    // Never print a token, even by accident in a log line.
    @Override
    public String toString() {
        return "HandshakeCredentials[token=" + (token == null ? "absent" : "present") + ", did=" + did + "]";
    }
}
