package io.chorus.domain.presence;

import io.chorus.domain.account.AccountRepository;
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

    /** The users that have a socket on {@code nodeId} recorded before {@code connectedBefore} (epoch ms). */
    @SuppressWarnings("unchecked")
    public List<Long> usersOn(String nodeId, long connectedBefore) {
        return ((List<Number>) em.createNativeQuery("SELECT DISTINCT user_id FROM device_connection WHERE node_id = ?1 "
                        + "AND connected_at < ?2")
                .setParameter(1, nodeId).setParameter(2, connectedBefore).getResultList()).stream().map(Number::longValue).toList();
    }

    /**
     * Forgets the user's sockets on {@code nodeId} recorded before {@code connectedBefore} (epoch ms);
     * the number forgotten. A bound, so that clearing a dead node's old rows cannot take the rows of
     * sockets the same node made after it came back.
     */
    public int forgetNode(long userId, String nodeId, long connectedBefore) {
        return em.createNativeQuery("DELETE FROM device_connection WHERE user_id = ?1 AND node_id = ?2 AND connected_at < ?3")
                .setParameter(1, userId).setParameter(2, nodeId).setParameter(3, connectedBefore).executeUpdate();
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

    /** Online users: those with at least one socket recorded on any node. */
    public long onlineUsers() {
        return ((Number) em.createNativeQuery("SELECT count(DISTINCT user_id) FROM device_connection").getSingleResult()).longValue();
    }

    public record ConnectedDevice(long deviceId, String cos) {
    }
}
