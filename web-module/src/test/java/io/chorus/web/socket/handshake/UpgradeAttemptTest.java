package io.chorus.web.socket.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.chorus.app.account.TokenService;
import io.chorus.app.account.TokenSubject;
import io.chorus.app.account.TokenType;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.web.socket.limit.ConnectionLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-over from {@link ConnectionAttemptFilter} to the configurators, on the upgrade's thread. */
class UpgradeAttemptTest {
    private static final TokenSubject ALICES = new TokenSubject("aliceUid", 11, "phone", 1);

    private final List<UpgradeAttempt> handedOver = new ArrayList<>();
    private final SocketConfigurator<Object> configurator = new SocketConfigurator<>(Object::new) {
        @Override
        protected Object newEndpoint(Object shared) {
            return shared;
        }

        @Override
        protected void handOver(ServerEndpointConfig sec, HandshakeRequest request, UpgradeAttempt attempt) {
            handedOver.add(attempt);
        }
    };

    @Test
    void theFiltersCheckOfTheToken_reachesTheConfigurator_onlyForThatToken() throws Exception {
        ConnectionAttemptFilter filter = admittingFilter();

        filter.doFilter(servletRequest("Bearer alice.token"), null, (request, response) -> upgrade());
        filter.doFilter(servletRequest("Bearer forged.token"), null, (request, response) -> upgrade());

        assertEquals("127.0.0.1", handedOver.get(0).address());
        assertEquals(ALICES, handedOver.get(0).verified("alice.token"), "checked once, by the filter");
        assertNull(handedOver.get(0).verified("other.token"), "only for the token the filter checked");
        assertNull(handedOver.get(1).verified("forged.token"), "not genuine: the endpoint checks it, and refuses it with an error frame");
    }

    @Test
    void afterTheUpgrade_nothingIsLeftOnTheThread() throws Exception {
        admittingFilter().doFilter(servletRequest("Bearer alice.token"), null, (request, response) -> upgrade());

        upgrade();

        assertSame(UpgradeAttempt.NONE, handedOver.get(1));
        assertNull(handedOver.get(1).address());
        assertNull(handedOver.get(1).verified("alice.token"));
    }

    private void upgrade() {
        configurator.modifyHandshake(ServerEndpointConfig.Builder.create(Object.class, "/ws").configurator(configurator).build(), null, null);
    }

    private static ConnectionAttemptFilter admittingFilter() {
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
                return ALICES;
            }
        };
        return filter;
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
}
