package io.chorus.web.dialect.a;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.chorus.app.account.TokenSubject;
import io.chorus.web.socket.handshake.HandshakeCredentials;
import io.chorus.web.socket.handshake.UpgradeAttempt;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandshakeConfiguratorTest {
    private final HandshakeConfigurator configurator = new HandshakeConfigurator(new ChatSockets());

    @Test
    void modifyHandshake_withBearerHeaderInAnyCase_storesBareTokenAndDid() {
        HandshakeCredentials stored = handshake(Map.of("AUTHORIZATION", List.of("bearer abc.def"), "Did", List.of("phone-1")), Map.of());

        assertEquals("abc.def", stored.token());
        assertEquals("phone-1", stored.did());
    }

    @Test
    void modifyHandshake_withHeaderWithoutBearer_storesTokenAsIs() {
        assertEquals("abc.def", handshake(Map.of("authorization", List.of("abc.def")), Map.of()).token());
    }

    @Test
    void modifyHandshake_withQueryParametersOnly_usesThem() {
        HandshakeCredentials stored = handshake(Map.of(), Map.of("token", List.of("abc.def"), "did", List.of("web-1")));

        assertEquals("abc.def", stored.token());
        assertEquals("web-1", stored.did());
    }

    @Test
    void modifyHandshake_withHeaderAndQuery_prefersHeader() {
        HandshakeCredentials stored = handshake(Map.of("Authorization", List.of("Bearer header")), Map.of("token", List.of("query")));

        assertEquals("header", stored.token());
    }

    @Test
    void modifyHandshake_withNothing_storesNulls() {
        HandshakeCredentials stored = handshake(Map.of(), Map.of());

        assertNull(stored.token());
        assertNull(stored.did());
    }

    @Test
    void aTokenTheFilterFoundGenuine_reachesTheCredentials_onlyIfItIsTheSameToken() {
        TokenSubject alices = new TokenSubject("aliceUid", 11, "phone", 1);
        UpgradeAttempt attempt = new UpgradeAttempt("127.0.0.1", "alice.token", alices);

        assertEquals(alices, handOver(Map.of("Authorization", List.of("Bearer alice.token")), attempt).verified(),
                "checked once, by the filter");
        assertNull(handOver(Map.of("Authorization", List.of("Bearer other.token")), attempt).verified(),
                "another token: the endpoint checks it");
    }

    @Test
    void getEndpointInstance_givesEachSocketItsOwnPlainEndpoint() {
        ChatEndpoint first = configurator.getEndpointInstance(ChatEndpoint.class);
        ChatEndpoint second = configurator.getEndpointInstance(ChatEndpoint.class);

        assertNotSame(first, second);
    }

    @Test
    void getNegotiatedSubprotocol_echoesFirstOffered() {
        assertEquals("text", configurator.getNegotiatedSubprotocol(List.of(), List.of("text", "json")));
        assertEquals("", configurator.getNegotiatedSubprotocol(List.of(), List.of()));
    }

    private HandshakeCredentials handshake(Map<String, List<String>> headers, Map<String, List<String>> parameters) {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(ChatEndpoint.class, "/ws")
                .configurator(configurator).build();
        configurator.modifyHandshake(config, new Request(headers, parameters), null);
        return HandshakeCredentials.take(sessionWith(new HashMap<>()), config);
    }

    private HandshakeCredentials handOver(Map<String, List<String>> headers, UpgradeAttempt attempt) {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(ChatEndpoint.class, "/ws")
                .configurator(configurator).build();
        configurator.handOver(config, new Request(headers, Map.of()), attempt);
        return HandshakeCredentials.take(sessionWith(new HashMap<>()), config);
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

    private record Request(Map<String, List<String>> headers, Map<String, List<String>> parameters)
            implements HandshakeRequest {
        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }

        @Override
        public Map<String, List<String>> getParameterMap() {
            return parameters;
        }

        @Override
        public Principal getUserPrincipal() {
            return null;
        }

        @Override
        public URI getRequestURI() {
            return URI.create("/ws");
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public Object getHttpSession() {
            return null;
        }

        @Override
        public String getQueryString() {
            return null;
        }
    }
}
