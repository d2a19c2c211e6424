package io.chorus.web.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.chorus.app.account.TokenService;
import io.chorus.app.account.TokenSubject;
import io.chorus.app.account.TokenType;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.web.socket.limit.ConnectionLimits;
import jakarta.servlet.http.HttpServletRequest;
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
    void credentials_toString_neverShowsTheToken() {
        assertEquals("HandshakeCredentials[token=present, did=d1]", new HandshakeCredentials("secret", "d1", null).toString());
    }

    @Test
    void take_removesTheCredentialsFromTheConnectionsAndTheSessionsProperties() {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(ChatEndpoint.class, "/ws")
                .configurator(configurator).build();
        configurator.modifyHandshake(config, new Request(Map.of("Authorization", List.of("Bearer abc.def")), Map.of()), null);
        // The container copies the connection's properties into the session's.
        Map<String, Object> sessionProperties = new HashMap<>(config.getUserProperties());

        HandshakeCredentials taken = HandshakeCredentials.take(sessionWith(sessionProperties), config);

        assertEquals("abc.def", taken.token());
        assertFalse(config.getUserProperties().containsKey(HandshakeCredentials.USER_PROPERTY));
        assertFalse(sessionProperties.containsKey(HandshakeCredentials.USER_PROPERTY));
        assertNull(HandshakeCredentials.take(sessionWith(sessionProperties), config).token(), "taken once");
    }

    @Test
    void theFiltersCheckOfTheToken_reachesTheCredentials_onlyForThatToken() throws Exception {
        TokenSubject alices = new TokenSubject("aliceUid", 11, "phone", 1);
        ConnectionAttemptFilter filter = new ConnectionAttemptFilter();
        filter.limits = new ConnectionLimits() {
            @Override
            public boolean admitAddress(String address) {
                return true;
            }

            @Override
            public boolean admitDevice(long deviceId) {
                return true;
            }
        };
        filter.tokens = new TokenService() {
            @Override
            public TokenSubject verify(String token, TokenType expected) {
                if (!"alice.token".equals(token)) {
                    throw new ChorusException(ErrorCode.TOKEN_INVALID);
                }
                return alices;
            }
        };
        HandshakeCredentials[] stored = new HandshakeCredentials[2];
        filter.doFilter(servletRequest("Bearer alice.token"), null, (request, response) ->
                stored[0] = handshake(Map.of("Authorization", List.of("Bearer alice.token")), Map.of()));
        filter.doFilter(servletRequest("Bearer forged.token"), null, (request, response) ->
                stored[1] = handshake(Map.of("Authorization", List.of("Bearer forged.token")), Map.of()));

        assertEquals(alices, stored[0].verified(), "checked once, by the filter");
        assertNull(stored[1].verified(), "not genuine: the endpoint checks it, and refuses it with an error frame");
        assertNull(ConnectionAttemptFilter.verifiedOnThisThread("alice.token"), "nothing left on the thread after the upgrade");
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
        return (HandshakeCredentials) config.getUserProperties().get(HandshakeCredentials.USER_PROPERTY);
    }

    /** An upgrade request from 127.0.0.1 with this {@code Authorization} header and nothing else. */
    private static HttpServletRequest servletRequest(String authorization) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> "127.0.0.1";
                    case "getHeader" -> "Authorization".equals(args[0]) ? authorization : null;
                    case "getParameter" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
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
