package io.chorus.app.presence;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import io.chorus.domain.account.ConnectionRepository;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * When this node starts, the sockets it held before (a crash, a kill, a restart) are gone: their
 * rows are removed, one user per transaction, and friends of users left without a device hear
 * {@code offline}. Nodes that die for good are the cluster's concern (a lease per node).
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NodeConnections {
    private static final Logger LOG = Logger.getLogger(NodeConnections.class.getName());

    @Inject
    ConnectionRepository connections;

    @EJB
    PresenceService presence;

    @Inject
    @ConfigProperty(name = "chorus.node.id")
    String nodeId;

    @PostConstruct
    void forgetPreviousRun() {
        List<Long> users = connections.usersOn(nodeId);
        for (long userId : users) {
            try {
                presence.forgetNode(userId, nodeId);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not clear the old connections of user " + userId, e);
            }
        }
        if (!users.isEmpty()) {
            LOG.info(() -> "Node " + nodeId + " cleared the connections of " + users.size() + " users from its previous run");
        }
    }
}
