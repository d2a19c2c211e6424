package io.chorus.domain.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.domain.RepositoryDatabase;
import io.chorus.domain.TestData;
import io.chorus.domain.account.Device;
import io.chorus.domain.account.UserAccount;
import io.chorus.domain.presence.ConnectionRepository.ConnectedDevice;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RepositoryDatabase.class)
class ConnectionRepositoryIT {
    private final ConnectionRepository connections = new ConnectionRepository();
    private final String nodeA = TestData.unique("node-a-");
    private final String nodeB = TestData.unique("node-b-");
    private TestData data;
    private UserAccount alice;
    private Device alicePhone;
    private Device aliceLaptop;

    @BeforeEach
    void setUp(EntityManager em) {
        connections.em = em;
        data = new TestData(em);
        alice = data.user();
        alicePhone = data.device(alice, "android");
        aliceLaptop = data.device(alice, "pc");
    }

    @Test
    void connected_recordsTheSocket_disconnected_forgetsItOnce() {
        String socket = TestData.unique("c");

        connections.connected(socket, alicePhone.getId(), alice.getId(), nodeA, 5);

        assertEquals(1, data.number("SELECT count(*) FROM device_connection WHERE connection_id = ?1 AND device_id = ?2 "
                + "AND user_id = ?3 AND node_id = ?4 AND connected_at = 5", socket, alicePhone.getId(), alice.getId(), nodeA));
        assertTrue(connections.disconnected(socket));
        assertFalse(connections.disconnected(socket));
        assertEquals(0, connections.connections(alice.getId()));
    }

    @Test
    void connected_sameSocketTwice_isRefusedByTheKey() {
        String socket = TestData.unique("c");
        connections.connected(socket, alicePhone.getId(), alice.getId(), nodeA, 5);

        assertThrows(PersistenceException.class, () -> connections.connected(socket, aliceLaptop.getId(), alice.getId(), nodeB, 6));
    }

    @Test
    void disconnected_ofAReplacedSocket_leavesItsSuccessor() {
        String old = TestData.unique("c");
        String successor = TestData.unique("c");
        connections.connected(old, alicePhone.getId(), alice.getId(), nodeA, 1);
        connections.connected(successor, alicePhone.getId(), alice.getId(), nodeB, 2);

        assertTrue(connections.disconnected(old));

        assertEquals(1, connections.connections(alice.getId()));
        assertEquals(List.of(alicePhone.getId()), connections.connectedDeviceIds(alice.getId()));
    }

    @Test
    void connections_countsSocketsOnEveryNode_ofThatUserOnly() {
        data.connect(alicePhone, nodeA);
        data.connect(alicePhone, nodeB);
        data.connect(aliceLaptop, nodeB);
        data.connect(data.device(data.user()), nodeA);

        assertEquals(3, connections.connections(alice.getId()));
    }

    @Test
    void usersOn_eachUserOnce_ofThatNodeOnly() {
        UserAccount bob = data.user();
        UserAccount carol = data.user();
        data.connect(alicePhone, nodeA);
        data.connect(aliceLaptop, nodeA);
        data.connect(data.device(bob), nodeA);
        data.connect(data.device(carol), nodeB);

        assertEquals(List.of(alice.getId(), bob.getId()), connections.usersOn(nodeA, Long.MAX_VALUE).stream().sorted().toList());
        assertEquals(List.of(), connections.usersOn(TestData.unique("nobody"), Long.MAX_VALUE));
        assertEquals(List.of(), connections.usersOn(nodeA, TestData.NOW.toEpochMilli()), "only sockets recorded before the bound");
    }

    @Test
    void forgetNode_onlyThatUsersSocketsOnThatNode() {
        UserAccount bob = data.user();
        data.connect(alicePhone, nodeA);
        data.connect(aliceLaptop, nodeA);
        data.connect(aliceLaptop, nodeB);
        data.connect(data.device(bob), nodeA);

        assertEquals(0, connections.forgetNode(alice.getId(), nodeA, TestData.NOW.toEpochMilli()), "recorded at the bound: kept");
        assertEquals(2, connections.forgetNode(alice.getId(), nodeA, TestData.NOW.toEpochMilli() + 1));

        assertEquals(List.of(aliceLaptop.getId()), connections.connectedDeviceIds(alice.getId()));
        assertEquals(1, connections.connections(bob.getId()));
    }

    @Test
    void connectedDeviceIds_andConnectedDevicesOf_eachDeviceOnce_withItsClientOs() {
        data.connect(alicePhone, nodeA);
        data.connect(alicePhone, nodeB);
        data.connect(aliceLaptop, nodeB);
        data.device(alice, "ios"); // not connected

        assertEquals(List.of(alicePhone.getId(), aliceLaptop.getId()),
                connections.connectedDeviceIds(alice.getId()).stream().sorted().toList());
        assertEquals(Set.of(new ConnectedDevice(alicePhone.getId(), "android"), new ConnectedDevice(aliceLaptop.getId(), "pc")),
                Set.copyOf(connections.connectedDevicesOf(alice.getId())));
        assertEquals(2, connections.connectedDevicesOf(alice.getId()).size());
    }

    @Test
    void onlineUsers_countsUsersNotSockets() {
        long before = connections.onlineUsers();
        data.connect(alicePhone, nodeA);
        data.connect(aliceLaptop, nodeB);
        data.connect(data.device(data.user()), nodeA);

        assertEquals(before + 2, connections.onlineUsers());
    }
}
