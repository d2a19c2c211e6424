package io.chorus.web.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.app.account.Caller;
import io.chorus.app.presence.PresenceService;
import io.chorus.web.socket.limit.ConnectionLimits;
import io.chorus.web.socket.limit.TokenBucket;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Opening a socket records it ({@code device_connection}), and the delivery sweep finds this node's
 * devices by that row: a socket the node could not record must not stay open unseen.
 */
class ConnectionsTest {
    private static final Caller CALLER = new Caller(1, "u1", 10, "phone", false);

    private final List<String> hookCalls = new ArrayList<>();
    private final List<String> recorded = new ArrayList<>();
    private final Connections connections = new Connections();

    ConnectionsTest() {
        connections.registry = new SessionRegistry();
        connections.limits = new ConnectionLimits() {
            @Override
            public TokenBucket sendBudget(long deviceId) {
                return null;
            }
        };
        connections.hooks = new ConnectionHooks() {
            @Override
            public void registering(ClientConnection connection) {
                hookCalls.add("registering");
            }

            @Override
            public void live(ClientConnection connection) {
                hookCalls.add("live");
            }

            @Override
            public void closed(ClientConnection connection) {
                hookCalls.add("closed");
            }
        };
    }

    @Test
    void open_recordsTheSocket_thenMakesItLive() {
        connections.presence = presence(false);
        FakeSession session = FakeSession.completingInline("s1");

        ClientConnection opened = connections.open(session.session(), CALLER, noDialect());

        assertEquals(List.of(opened.connectionId()), recorded);
        assertEquals(List.of("registering", "live"), hookCalls);
        assertTrue(session.closes.isEmpty(), "the socket stays open: " + session.closes);
    }

    @Test
    void open_whenTheSocketCannotBeRecorded_closesIt_forItsClientToReconnect_withoutReplayingTheBacklog() {
        connections.presence = presence(true);
        FakeSession session = FakeSession.completingInline("s1");

        connections.open(session.session(), CALLER, noDialect());

        assertEquals(List.of("registering"), hookCalls, "no backlog replay on a socket that is closing");
        assertEquals(1, session.closes.size());
        assertEquals(CloseCodes.INTERNAL_ERROR, session.closes.get(0).getCloseCode().getCode());
        assertEquals("unavailable", session.closes.get(0).getReasonPhrase());
    }

    /** The presence service, recording the sockets it is told of, or failing as with the database away. */
    private PresenceService presence(boolean databaseAway) {
        return new PresenceService() {
            @Override
            public void connected(Caller caller, String connectionId) {
                if (databaseAway) {
                    throw new IllegalStateException("connection refused");
                }
                recorded.add(connectionId);
            }

            @Override
            public void disconnected(Caller caller, String connectionId) {
                recorded.remove(connectionId);
            }
        };
    }

    private static Dialect noDialect() {
        return (Dialect) Proxy.newProxyInstance(Dialect.class.getClassLoader(), new Class<?>[] {Dialect.class},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException("nothing is delivered in this test: " + method.getName());
                });
    }
}
