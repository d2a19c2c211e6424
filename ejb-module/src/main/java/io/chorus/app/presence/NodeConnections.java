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
import jakarta.inject.Inject;
import io.chorus.app.metrics.NodeMetrics;
import io.chorus.domain.cluster.NodeLeaseRepository;
import io.chorus.domain.presence.ConnectionRepository;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // on the callback too: see SchemaMigration.migrate
    void start() {
        forgetNode(nodeId);
        presence.renewLease(nodeId, metrics.totals());
        long every = TimeUnit.SECONDS.toMillis(heartbeatSeconds);
        timers.createIntervalTimer(every, every, new TimerConfig(null, false));
    }

    /** Renews this node's lease, then clears the nodes whose lease ran out. */
    @Timeout
    void heartbeat() {
        try {
            presence.renewLease(nodeId, metrics.totals());
        } catch (RuntimeException e) {
            // The database is away: the next beat tries again; the lease is long enough for a few misses.
            LOG.log(Level.WARNING, "Node " + nodeId + " could not renew its lease", e);
            return;
        }
        long cutoff = System.currentTimeMillis() - TimeUnit.SECONDS.toMillis(leaseSeconds);
        for (String dead : leases.expiredNodes(cutoff)) {
            if (!dead.equals(nodeId)) {
                presence.takeExpiredLease(dead, cutoff);
                forgetNode(dead);
            }
        }
    }

    /** Removes the sockets {@code node} recorded; idempotent, so two survivors may both run it. */
    private void forgetNode(String node) {
        List<Long> users = connections.usersOn(node);
        for (long userId : users) {
            try {
                presence.forgetNode(userId, node);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not clear the old connections of user " + userId, e);
            }
        }
        if (!users.isEmpty()) {
            LOG.info(() -> "Node " + nodeId + " cleared the connections of " + users.size() + " users of node " + node);
        }
    }
}
