package io.chorus.app.event;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;

/**
 * Where cluster events meet this node's sessions. The web module registers its sessions at start;
 * events that arrive before that are dropped safely (messages are in the devices' backlogs, and a
 * node without sessions has nobody to notify). The EJB module depends on this interface only, so
 * dependencies keep pointing web → ejb.
 */
@ApplicationScoped
public class LocalDelivery {
    private static final Logger LOG = Logger.getLogger(LocalDelivery.class.getName());
    private volatile DeliveryTarget target;

    public void register(DeliveryTarget target) {
        this.target = target;
    }

    public void apply(ClusterEvent event) {
        DeliveryTarget current = target;
        if (current == null) {
            LOG.fine(() -> "No sessions registered yet; " + event.getClass().getSimpleName() + " not applied here");
            return;
        }
        event.applyTo(current);
    }
}
