package io.chorus.app.push;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;

/**
 * Where cluster events meet this node's sessions. The web module registers its sessions at start;
 * events that arrive before that are dropped safely (they are in the devices' backlogs). The EJB
 * module depends on this interface only, so dependencies keep pointing web → ejb.
 */
@ApplicationScoped
public class LocalDelivery {
    private static final Logger LOG = Logger.getLogger(LocalDelivery.class.getName());
    private volatile DeliveryTarget target;

    public void register(DeliveryTarget target) {
        this.target = target;
    }

    public void deliver(StoredMessage message) {
        DeliveryTarget current = target;
        if (current == null) {
            LOG.fine(() -> "No sessions registered yet; message " + message.messageId() + " stays in the backlogs");
            return;
        }
        current.deliver(message);
    }

    public void revoked(RevokedMessage revoked) {
        DeliveryTarget current = target;
        if (current != null) {
            current.revoked(revoked);
        }
    }
}
