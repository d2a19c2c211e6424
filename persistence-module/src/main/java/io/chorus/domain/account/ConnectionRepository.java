package io.chorus.domain.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The {@code device_connection} table: every node's live sockets, one row per socket. Presence is
 * read from it, so it is the same on every node. Callers that change a user's rows hold that user's
 * row lock ({@link AccountRepository#lockUser}), which serialises the online/offline decisions.
 */
@ApplicationScoped
public class ConnectionRepository {
    @PersistenceContext(unitName = "chorus")
    EntityManager em;

    /** Records socket {@code connectionId} of the device, live on {@code nodeId}. */
    public void connected(String connectionId, long deviceId, long userId, String nodeId, long now) {
        em.createNativeQuery("INSERT INTO device_connection (connection_id, device_id, user_id, node_id, connected_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, connectionId).setParameter(2, deviceId).setParameter(3, userId)
                .setParameter(4, nodeId).setParameter(5, now).executeUpdate();
    }

    /** Forgets the socket; whether it was recorded. */
    public boolean disconnected(String connectionId) {
        return em.createNativeQuery("DELETE FROM device_connection WHERE connection_id = ?1")
                .setParameter(1, connectionId).executeUpdate() == 1;
    }

    /** How many sockets the user has, on any node. */
    public long connections(long userId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM device_connection WHERE user_id = ?1")
                .setParameter(1, userId).getSingleResult()).longValue();
    }

    /** The users that had a socket on {@code nodeId}. */
    @SuppressWarnings("unchecked")
    public List<Long> usersOn(String nodeId) {
        return ((List<Number>) em.createNativeQuery("SELECT DISTINCT user_id FROM device_connection WHERE node_id = ?1")
                .setParameter(1, nodeId).getResultList()).stream().map(Number::longValue).toList();
    }

    /** Forgets every socket of the user that was on {@code nodeId}; the number forgotten. */
    public int forgetNode(long userId, String nodeId) {
        return em.createNativeQuery("DELETE FROM device_connection WHERE user_id = ?1 AND node_id = ?2")
                .setParameter(1, userId).setParameter(2, nodeId).executeUpdate();
    }

    /** The ids of the user's connected devices. */
    @SuppressWarnings("unchecked")
    public List<Long> connectedDeviceIds(long userId) {
        return ((List<Number>) em.createNativeQuery("SELECT DISTINCT device_id FROM device_connection WHERE user_id = ?1")
                .setParameter(1, userId).getResultList()).stream().map(Number::longValue).toList();
    }

    /** The user's connected devices on any node, with their client OS (the terminal type). */
    @SuppressWarnings("unchecked")
    public List<ConnectedDevice> connectedDevicesOf(long userId) {
        List<Object[]> rows = em.createNativeQuery("SELECT DISTINCT c.device_id, d.cos FROM device_connection c "
                        + "JOIN device d ON d.id = c.device_id WHERE c.user_id = ?1")
                .setParameter(1, userId).getResultList();
        return rows.stream().map(row -> new ConnectedDevice(((Number) row[0]).longValue(), (String) row[1])).toList();
    }

    /** Renews this node's lease (and makes it, the first time), with its figures. */
    public void renewLease(String nodeId, long now, NodeFigures figures) {
        int renewed = em.createNativeQuery("UPDATE cluster_node SET heartbeat_at = ?2, connections = ?3, sends = ?4, "
                        + "deliveries = ?5, acks = ?6, resends = ?7 WHERE node_id = ?1")
                .setParameter(1, nodeId).setParameter(2, now).setParameter(3, figures.connections())
                .setParameter(4, figures.sends()).setParameter(5, figures.deliveries()).setParameter(6, figures.acks())
                .setParameter(7, figures.resends()).executeUpdate();
        if (renewed == 0) {
            em.createNativeQuery("INSERT INTO cluster_node (node_id, started_at, heartbeat_at) VALUES (?1, ?2, ?2) "
                            + "ON CONFLICT DO NOTHING")
                    .setParameter(1, nodeId).setParameter(2, now).executeUpdate();
        }
    }

    /** The live nodes (lease renewed after {@code since}) with their last figures, by name. */
    @SuppressWarnings("unchecked")
    public List<NodeRow> liveNodes(long since) {
        List<Object[]> rows = em.createNativeQuery("SELECT node_id, started_at, heartbeat_at, connections, sends, deliveries, "
                        + "acks, resends FROM cluster_node WHERE heartbeat_at >= ?1 ORDER BY node_id")
                .setParameter(1, since).getResultList();
        return rows.stream().map(r -> new NodeRow((String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue(),
                new NodeFigures(((Number) r[3]).intValue(), ((Number) r[4]).longValue(), ((Number) r[5]).longValue(),
                        ((Number) r[6]).longValue(), ((Number) r[7]).longValue()))).toList();
    }

    /** Online users: those with at least one socket recorded on any node. */
    public long onlineUsers() {
        return ((Number) em.createNativeQuery("SELECT count(DISTINCT user_id) FROM device_connection").getSingleResult()).longValue();
    }

    public record NodeFigures(int connections, long sends, long deliveries, long acks, long resends) {
    }

    public record NodeRow(String nodeId, long startedAt, long heartbeatAt, NodeFigures figures) {
    }

    /**
     * Nodes whose lease ran out before {@code cutoff}, and nodes that still have sockets recorded but
     * no lease at all (a node that died before its first renewal, or whose lease was already taken).
     */
    @SuppressWarnings("unchecked")
    public List<String> expiredNodes(long cutoff) {
        return em.createNativeQuery("SELECT node_id FROM cluster_node WHERE heartbeat_at < ?1 "
                        + "UNION SELECT DISTINCT c.node_id FROM device_connection c "
                        + "WHERE NOT EXISTS (SELECT 1 FROM cluster_node n WHERE n.node_id = c.node_id)")
                .setParameter(1, cutoff).getResultList();
    }

    /** Takes an expired lease; true for the one node that took it (the others find it gone). */
    public boolean takeExpiredLease(String nodeId, long cutoff) {
        return em.createNativeQuery("DELETE FROM cluster_node WHERE node_id = ?1 AND heartbeat_at < ?2")
                .setParameter(1, nodeId).setParameter(2, cutoff).executeUpdate() > 0;
    }

    public record ConnectedDevice(long deviceId, String cos) {
    }
}
