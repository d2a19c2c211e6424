package io.chorus.domain.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The {@code cluster_node} table: each node's lease, renewed with its heartbeat and carrying its
 * cumulative figures (its push figures, per provider, in {@code cluster_node_push}). A node whose
 * lease ran out is dead; the survivor that takes its lease clears the sockets it recorded
 * ({@code device_connection}, {@link io.chorus.domain.presence.ConnectionRepository}).
 */
@ApplicationScoped
public class NodeLeaseRepository {
    @PersistenceContext(unitName = "chorus")
    EntityManager em;

    /**
     * Renews this node's lease, with its figures; false if there was none to renew and it was made
     * afresh: the node's first renewal, or another node took the lease of a node it thought dead.
     */
    public boolean renewLease(String nodeId, long now, NodeFigures figures) {
        int renewed = em.createNativeQuery("UPDATE cluster_node SET heartbeat_at = ?2, connections = ?3, sends = ?4, "
                        + "deliveries = ?5, acks = ?6, resends = ?7 WHERE node_id = ?1")
                .setParameter(1, nodeId).setParameter(2, now).setParameter(3, figures.connections())
                .setParameter(4, figures.sends()).setParameter(5, figures.deliveries()).setParameter(6, figures.acks())
                .setParameter(7, figures.resends()).executeUpdate();
        if (renewed == 0) {
            em.createNativeQuery("INSERT INTO cluster_node (node_id, started_at, heartbeat_at, connections, sends, deliveries, "
                            + "acks, resends) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING")
                    .setParameter(1, nodeId).setParameter(2, now).setParameter(3, figures.connections())
                    .setParameter(4, figures.sends()).setParameter(5, figures.deliveries()).setParameter(6, figures.acks())
                    .setParameter(7, figures.resends()).executeUpdate();
        }
        return renewed > 0;
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

    public record NodeFigures(int connections, long sends, long deliveries, long acks, long resends) {
    }

    /** Push attempts through one provider by outcome (docs/PUSH.md): cumulative since the node started, or summed. */
    public record PushFigures(String provider, long sent, long dead, long retry, long failed) {
    }

    /**
     * Records this node's push figures with its lease, in the transaction that renewed it (the row
     * {@link #renewLease} made or updated is there): one row per provider, overwritten each time,
     * so a node that restarts under the same name counts from zero again.
     */
    public void recordPushFigures(String nodeId, List<PushFigures> figures) {
        for (PushFigures push : figures) {
            int updated = em.createNativeQuery("UPDATE cluster_node_push SET sent = ?3, dead = ?4, retry = ?5, failed = ?6 "
                            + "WHERE node_id = ?1 AND provider = ?2")
                    .setParameter(1, nodeId).setParameter(2, push.provider()).setParameter(3, push.sent())
                    .setParameter(4, push.dead()).setParameter(5, push.retry()).setParameter(6, push.failed()).executeUpdate();
            if (updated == 0) {
                em.createNativeQuery("INSERT INTO cluster_node_push (node_id, provider, sent, dead, retry, failed) "
                                + "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING")
                        .setParameter(1, nodeId).setParameter(2, push.provider()).setParameter(3, push.sent())
                        .setParameter(4, push.dead()).setParameter(5, push.retry()).setParameter(6, push.failed()).executeUpdate();
            }
        }
    }

    /** The push figures of the live nodes (lease renewed after {@code since}), summed per provider, by provider. */
    @SuppressWarnings("unchecked")
    public List<PushFigures> livePushFigures(long since) {
        List<Object[]> rows = em.createNativeQuery("SELECT p.provider, SUM(p.sent), SUM(p.dead), SUM(p.retry), SUM(p.failed) "
                        + "FROM cluster_node_push p JOIN cluster_node n ON n.node_id = p.node_id WHERE n.heartbeat_at >= ?1 "
                        + "GROUP BY p.provider ORDER BY p.provider")
                .setParameter(1, since).getResultList();
        return rows.stream().map(r -> new PushFigures((String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(), ((Number) r[4]).longValue())).toList();
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

    /** Whether {@code nodeId} holds a lease (expired or not). */
    public boolean hasLease(String nodeId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM cluster_node WHERE node_id = ?1")
                .setParameter(1, nodeId).getSingleResult()).longValue() > 0;
    }

    /** Takes an expired lease; true for the one node that took it (the others find it gone). */
    public boolean takeExpiredLease(String nodeId, long cutoff) {
        return em.createNativeQuery("DELETE FROM cluster_node WHERE node_id = ?1 AND heartbeat_at < ?2")
                .setParameter(1, nodeId).setParameter(2, cutoff).executeUpdate() > 0;
    }
}
