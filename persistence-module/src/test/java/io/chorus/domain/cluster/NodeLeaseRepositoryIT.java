package io.chorus.domain.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.domain.RepositoryDatabase;
import io.chorus.domain.TestData;
import io.chorus.domain.cluster.NodeLeaseRepository.NodeFigures;
import io.chorus.domain.cluster.NodeLeaseRepository.NodeRow;
import io.chorus.domain.cluster.NodeLeaseRepository.PushFigures;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RepositoryDatabase.class)
class NodeLeaseRepositoryIT {
    private static final NodeFigures NONE = new NodeFigures(0, 0, 0, 0, 0);
    private static final long T0 = 1_700_000_000_000L;

    private final NodeLeaseRepository leases = new NodeLeaseRepository();
    /** Every node of one test shares this prefix, so the cluster-wide lists can be narrowed to them. */
    private final String prefix = TestData.unique("n") + "-";
    private TestData data;

    @BeforeEach
    void setUp(EntityManager em) {
        leases.em = em;
        data = new TestData(em);
    }

    @Test
    void renewLease_firstTime_startsTheLease() {
        leases.renewLease(prefix + "a", T0, NONE);

        assertEquals(List.of(new NodeRow(prefix + "a", T0, T0, NONE)), mine(leases.liveNodes(T0)));
    }

    @Test
    void renewLease_again_movesTheHeartbeat_andRecordsTheFigures_keepsTheStart() {
        NodeFigures figures = new NodeFigures(3, 40, 50, 45, 2);
        leases.renewLease(prefix + "a", T0, NONE);

        leases.renewLease(prefix + "a", T0 + 5_000, figures);

        assertEquals(List.of(new NodeRow(prefix + "a", T0, T0 + 5_000, figures)), mine(leases.liveNodes(T0)));
        assertEquals(1, data.number("SELECT count(*) FROM cluster_node WHERE node_id = ?1", prefix + "a"));
    }

    /** A new node (or one whose lease a survivor took) shows its figures from its first beat, not zeros. */
    @Test
    void renewLease_firstTime_recordsItsFigures() {
        NodeFigures figures = new NodeFigures(3, 40, 50, 45, 2);

        leases.renewLease(prefix + "a", T0, figures);

        assertEquals(List.of(new NodeRow(prefix + "a", T0, T0, figures)), mine(leases.liveNodes(T0)));
    }

    @Test
    void liveNodes_renewedAtOrAfterTheBound_byName() {
        leases.renewLease(prefix + "c", T0 + 10, NONE);
        leases.renewLease(prefix + "a", T0, NONE);
        leases.renewLease(prefix + "b", T0 - 1, NONE);

        assertEquals(List.of(prefix + "a", prefix + "c"), mine(leases.liveNodes(T0)).stream().map(NodeRow::nodeId).toList());
    }

    @Test
    void expiredNodes_expiredLeases_andSocketsOfNodesWithoutALease() {
        leases.renewLease(prefix + "expired", T0 - 1, NONE);
        leases.renewLease(prefix + "live", T0, NONE);
        leases.renewLease(prefix + "live-with-sockets", T0, NONE);
        var device = data.device(data.user());
        data.connect(device, prefix + "live-with-sockets");
        data.connect(device, prefix + "orphan");
        data.connect(device, prefix + "orphan"); // two sockets: still one node

        List<String> expired = leases.expiredNodes(T0);

        assertEquals(List.of(prefix + "expired", prefix + "orphan"), expired.stream().filter(n -> n.startsWith(prefix)).sorted().toList());
    }

    @Test
    void takeExpiredLease_onlyAnExpiredOne_andOnlyOnce() {
        leases.renewLease(prefix + "dead", T0 - 1, NONE);
        leases.renewLease(prefix + "live", T0, NONE);

        assertFalse(leases.takeExpiredLease(prefix + "live", T0));
        assertTrue(leases.takeExpiredLease(prefix + "dead", T0));
        assertFalse(leases.takeExpiredLease(prefix + "dead", T0));

        assertEquals(List.of(prefix + "live"), mine(leases.liveNodes(0)).stream().map(NodeRow::nodeId).toList());
    }

    @Test
    void hasLease_whileTheLeaseIsThere_expiredOrNot_notOnceTaken() {
        leases.renewLease(prefix + "dead", T0 - 1, NONE);

        assertTrue(leases.hasLease(prefix + "dead"));
        leases.takeExpiredLease(prefix + "dead", T0);
        assertFalse(leases.hasLease(prefix + "dead"));
        assertFalse(leases.hasLease(prefix + "never"));
    }

    /**
     * Each renewal overwrites the node's push figures per provider; the sums are over live nodes
     * only. Far in the future, so that no other node of the database is live then.
     */
    @Test
    void pushFigures_overwrittenPerProvider_summedOverTheLiveNodes() {
        long later = 4_000_000_000_000L;
        leases.renewLease(prefix + "a", later, NONE);
        leases.recordPushFigures(prefix + "a", List.of(new PushFigures("apns", 1, 0, 0, 0), new PushFigures("fcm", 9, 9, 9, 9)));
        leases.recordPushFigures(prefix + "a", List.of(new PushFigures("apns", 5, 1, 2, 3), new PushFigures("fcm", 10, 0, 0, 1)));
        leases.renewLease(prefix + "b", later, NONE);
        leases.recordPushFigures(prefix + "b", List.of(new PushFigures("apns", 2, 0, 1, 1), new PushFigures("webpush", 7, 1, 0, 0)));
        leases.renewLease(prefix + "gone", later - 1, NONE);
        leases.recordPushFigures(prefix + "gone", List.of(new PushFigures("apns", 100, 100, 100, 100)));

        assertEquals(List.of(new PushFigures("apns", 7, 1, 3, 4), new PushFigures("fcm", 10, 0, 0, 1), new PushFigures("webpush", 7, 1, 0, 0)),
                leases.livePushFigures(later));
        assertEquals(2, data.number("SELECT count(*) FROM cluster_node_push WHERE node_id = ?1", prefix + "a"));
    }

    @Test
    void takeExpiredLease_dropsTheNodesPushFigures() {
        leases.renewLease(prefix + "dead", T0 - 1, NONE);
        leases.recordPushFigures(prefix + "dead", List.of(new PushFigures("apns", 1, 2, 3, 4)));

        assertTrue(leases.takeExpiredLease(prefix + "dead", T0));

        assertEquals(0, data.number("SELECT count(*) FROM cluster_node_push WHERE node_id = ?1", prefix + "dead"));
    }

    private List<NodeRow> mine(List<NodeRow> rows) {
        return rows.stream().filter(row -> row.nodeId().startsWith(prefix)).toList();
    }
}
