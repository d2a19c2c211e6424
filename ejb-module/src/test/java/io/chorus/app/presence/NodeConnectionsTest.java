package io.chorus.app.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chorus.app.metrics.NodeMetrics;
import io.chorus.app.push.PushMetrics;
import io.chorus.domain.cluster.NodeLeaseRepository;
import io.chorus.domain.cluster.NodeLeaseRepository.NodeFigures;
import io.chorus.domain.cluster.NodeLeaseRepository.PushFigures;
import io.chorus.domain.presence.ConnectionRepository;
import jakarta.ejb.TimerService;
import jakarta.enterprise.event.Event;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lease rules of a node, with the database faked: who judges whom after an outage, and what a
 * node does when it finds its own lease taken (docs/RELIABILITY.md).
 */
class NodeConnectionsTest {
    private static final long LEASE_MILLIS = 20_000;

    private final NodeConnections node = new NodeConnections();
    private final List<String> taken = new ArrayList<>();
    private final List<String> forgotten = new ArrayList<>();
    private final List<Object> fired = new ArrayList<>();
    private long now = 1_000_000;
    private boolean databaseUp = true;
    private boolean leaseThere = true;
    private List<String> expired = List.of("node-b");
    // node-b's lease: whether a survivor can take it, and whether it is there at all.
    private boolean otherLeaseExpired = true;
    private boolean otherLeaseThere = true;
    private final List<Long> forgottenBefore = new ArrayList<>();

    @BeforeEach
    @SuppressWarnings("unchecked")
    void wire() {
        node.nodeId = "node-a";
        node.heartbeatSeconds = 5;
        node.leaseSeconds = 20;
        node.metrics = new NodeMetrics();
        node.pushMetrics = new PushMetrics();
        node.clock = () -> now;
        node.presence = new PresenceService() {
            @Override
            public boolean renewLease(String nodeId, NodeFigures figures, List<PushFigures> push) {
                if (!databaseUp) {
                    throw new IllegalStateException("connection refused");
                }
                boolean was = leaseThere;
                leaseThere = true;
                return was;
            }

            @Override
            public boolean takeExpiredLease(String nodeId, long cutoff) {
                if (!otherLeaseThere || !otherLeaseExpired) {
                    return false;
                }
                taken.add(nodeId);
                otherLeaseThere = false;
                return true;
            }

            @Override
            public void forgetNode(long userId, String nodeId, long connectedBefore) {
                forgotten.add(nodeId + ":" + userId);
                forgottenBefore.add(connectedBefore);
            }
        };
        node.leases = new NodeLeaseRepository() {
            @Override
            public List<String> expiredNodes(long cutoff) {
                return expired;
            }

            @Override
            public boolean hasLease(String nodeId) {
                return otherLeaseThere;
            }
        };
        node.connections = new ConnectionRepository() {
            @Override
            public List<Long> usersOn(String nodeId, long connectedBefore) {
                return List.of(7L);
            }
        };
        node.timers = (TimerService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {TimerService.class},
                (proxy, method, args) -> null);
        node.leaseLost = (Event<LeaseLost>) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Event.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("fire")) {
                        fired.add(args[0]);
                    }
                    return null;
                });
        node.start();
        forgotten.clear();
        forgottenBefore.clear();
    }

    @Test
    void aNodeThatHasHeldItsLeaseForAWholeLease_takesTheExpiredOnes() {
        now += 5_000;
        node.heartbeat();
        assertEquals(List.of(), taken, "started 5 s ago: it judges nobody yet");

        now += LEASE_MILLIS;
        node.heartbeat();
        assertEquals(List.of("node-b"), taken);
        assertEquals(List.of("node-b:7"), forgotten);
        assertEquals(List.of(now - LEASE_MILLIS), forgottenBefore, "only the rows older than the lease");
        assertEquals(List.of(), fired);
    }

    @Test
    void aNodeThatRenewedBetweenTheQueryAndTheTake_keepsItsSocketsRows() {
        now += 5_000 + LEASE_MILLIS;
        otherLeaseExpired = false; // node-b resumed from a pause and renewed just now
        node.heartbeat();

        assertEquals(List.of(), taken);
        assertEquals(List.of(), forgotten, "its sockets are live and stay recorded: the delivery sweep finds them by their rows");
    }

    @Test
    void aNodeWithoutALease_whoseLeaseAnotherSurvivorTook_isClearedOfItsOldRows() {
        now += 5_000 + LEASE_MILLIS;
        otherLeaseThere = false;
        node.heartbeat();

        assertEquals(List.of(), taken);
        assertEquals(List.of("node-b:7"), forgotten);
        assertEquals(List.of(now - LEASE_MILLIS), forgottenBefore);
    }

    @Test
    void aNodeBackFromADatabaseOutage_judgesNobody_untilItHasRenewedForAWholeLease() {
        now += LEASE_MILLIS + 5_000;
        databaseUp = false;
        node.heartbeat();
        now += 30_000;
        databaseUp = true;
        node.heartbeat();
        assertEquals(List.of(), taken, "every lease looks expired after an outage: the others could not renew either");

        now += LEASE_MILLIS - 1;
        node.heartbeat();
        assertEquals(List.of(), taken);
        now += 1;
        node.heartbeat();
        assertEquals(List.of("node-b"), taken);
    }

    @Test
    void aNodeThatFindsItsLeaseTaken_forgetsItsSockets_andClosesThem() {
        expired = List.of();
        leaseThere = false; // another node took it while this one was paused
        now += 5_000;
        node.heartbeat();

        assertEquals(List.of(new LeaseLost("node-a")), fired);
        assertEquals(List.of("node-a:7"), forgotten);
        assertEquals(List.of(Long.MAX_VALUE), forgottenBefore, "every row of its own: it closes every socket");

        node.heartbeat();
        assertEquals(1, fired.size(), "once: the lease is its own again");
    }
}
