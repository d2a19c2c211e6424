package io.chorus.web.socket.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandshakeCredentialsTest {

    @Test
    void toString_neverShowsTheToken() {
        assertEquals("HandshakeCredentials[token=present, did=d1]", new HandshakeCredentials("secret", "d1", null).toString());
    }

    @Test
    void take_removesTheCredentialsFromTheConnectionsAndTheSessionsProperties() {
        // A configurator of our own: the builder would look for the container's.
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Object.class, "/ws")
                .configurator(new ServerEndpointConfig.Configurator()).build();
        HandshakeCredentials.of("Bearer abc.def", null, null, null, UpgradeAttempt.NONE).leaveIn(config);
        // The container copies the connection's properties into the session's.
        Map<String, Object> sessionProperties = new HashMap<>(config.getUserProperties());

        HandshakeCredentials taken = HandshakeCredentials.take(sessionWith(sessionProperties), config);

        assertEquals("abc.def", taken.token());
        assertFalse(config.getUserProperties().containsKey(HandshakeCredentials.USER_PROPERTY));
        assertFalse(sessionProperties.containsKey(HandshakeCredentials.USER_PROPERTY));
        assertNull(HandshakeCredentials.take(sessionWith(sessionProperties), config).token(), "taken once");
    }

    /** A session whose only working method is {@code getUserProperties}. */
    private static Session sessionWith(Map<String, Object> userProperties) {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getUserProperties")) {
                        return userProperties;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
