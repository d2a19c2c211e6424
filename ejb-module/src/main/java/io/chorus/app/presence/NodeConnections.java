package io.chorus.app.presence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import io.chorus.app.metrics.NodeMetrics;
import io.chorus.app.push.PushMetrics;
import io.chorus.domain.cluster.NodeLeaseRepository;
import io.chorus.domain.presence.ConnectionRepository;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The sockets each node records for presence outlive a node that dies, so every node holds a lease
 * (SPEC §8): renewed every {@code chorus.node.heartbeat-seconds}; a node whose lease is older than
 * {@code chorus.node.lease-seconds} is dead, and the first survivor to take its lease clears its
 * sockets, one user per transaction, so friends of users left without a device hear
 * {@code offline} within about lease + heartbeat seconds. A node that starts again clears its own
 * previous run at once.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NodeConnections {
    private static final Logger LOG = Logger.getLogger(NodeConnections.class.getName());

    @Inject
    ConnectionRepository connections;

    @Inject
    NodeLeaseRepository leases;

    @EJB
    PresenceService presence;

    @Inject
    @ConfigProperty(name = "chorus.node.id")
    String nodeId;

    @Inject
    @ConfigProperty(name = "chorus.node.heartbeat-seconds")
    int heartbeatSeconds;

    @Inject
    @ConfigProperty(name = "chorus.node.lease-seconds")
    int leaseSeconds;

    @Resource
    TimerService timers;

    @Inject
    NodeMetrics metrics;

    @Inject
    PushMetrics pushMetrics;

    @Inject
    Event<LeaseLost> leaseLost;

    private static final long NOT_RENEWING = Long.MIN_VALUE;
    // Epoch milliseconds; the unit test's own.
    LongSupplier clock = System::currentTimeMillis;
    // Since when every heartbeat renewed this node's lease (NOT_RENEWING after a failed one).
    private long renewingSince = NOT_RENEWING;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // on the callback too: see SchemaMigration.migrate
    void start() {
        forgetNode(nodeId, Long.MAX_VALUE);
        presence.renewLease(nodeId, metrics.totals(), pushMetrics.totals());
        renewingSince = clock.getAsLong();
        long every = TimeUnit.SECONDS.toMillis(heartbeatSeconds);
        timers.createIntervalTimer(every, every, new TimerConfig(null, false));
    }

    /**
     * Renews this node's lease, then clears the nodes whose lease ran out. A lease that was gone
     * means the other nodes took this one for dead (it was paused, or cut off from the database,
     * longer than the lease) and cleared its sockets' rows: its sockets still work but nothing
     * records them any more (presence, the delivery sweep), so they are closed for their clients to
     * reconnect, to any node, and be recorded afresh.
     */
    @Timeout
    void heartbeat() {
        long now = clock.getAsLong();
        try {
            if (!presence.renewLease(nodeId, metrics.totals(), pushMetrics.totals())) {
                LOG.warning(() -> "Node " + nodeId + " found its lease taken by another node (it was paused or cut off for "
                        + "longer than " + leaseSeconds + " s): closing its sockets so that their clients reconnect");
                forgetNode(nodeId, Long.MAX_VALUE);
                leaseLost.fire(new LeaseLost(nodeId));
            }
        } catch (RuntimeException e) {
            // The database is away: the next beat tries again; the lease is long enough for a few misses.
            LOG.log(Level.WARNING, "Node " + nodeId + " could not renew its lease", e);
            renewingSince = NOT_RENEWING;
            return;
        }
        if (renewingSince == NOT_RENEWING) {
            renewingSince = now;
        }
        long leaseMillis = TimeUnit.SECONDS.toMillis(leaseSeconds);
        if (now - renewingSince < leaseMillis) {
            // Back from a database outage: every other node could not renew either, and their leases
            // look expired. Only a node that has renewed its own for a whole lease judges the others.
            return;
        }
        long cutoff = now - leaseMillis;
        for (String dead : leases.expiredNodes(cutoff)) {
            // Not a node that renewed between the query and the take (back from a pause: its sockets
            // stay, and their rows with them); and only rows older than the lease, so that a node
            // restarted meanwhile keeps its new sockets' rows. A row the dead node made just before it
            // died is younger: a later beat finds it (the node has no lease any more).
            if (!dead.equals(nodeId) && (presence.takeExpiredLease(dead, cutoff) || !leases.hasLease(dead))) {
                forgetNode(dead, cutoff);
            }
        }
    }

    /**
     * Removes the sockets {@code node} recorded before {@code connectedBefore}; idempotent, so two
     * survivors may both run it.
     */
    private void forgetNode(String node, long connectedBefore) {
        List<Long> users = connections.usersOn(node, connectedBefore);
        for (long userId : users) {
            try {
                presence.forgetNode(userId, node, connectedBefore);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not clear the old connections of user " + userId, e);
            }
        }
        if (!users.isEmpty()) {
            LOG.info(() -> "Node " + nodeId + " cleared the connections of " + users.size() + " users of node " + node);
        }
    }
}
