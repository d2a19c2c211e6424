package io.chorus.web.ws;

import io.chorus.app.message.DeliveryService;
import io.chorus.app.push.DeliveryTarget;
import io.chorus.app.push.LocalDelivery;
import io.chorus.app.push.StoredMessage;
import io.chorus.web.protocol.a.FrameEncoder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/** This node's sessions as the target of cluster deliveries: each device's feed gets the message. */
@ApplicationScoped
public class LiveDelivery implements DeliveryTarget {
    private static final Logger LOG = Logger.getLogger(LiveDelivery.class.getName());

    @Inject
    SessionRegistry registry;

    @Inject
    DeliveryService deliveries;

    @Inject
    FrameEncoder encoder;

    @Inject
    LocalDelivery localDelivery;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        localDelivery.register(this);
    }

    /** Gives a new connection its feed, waiting for {@link DeviceFeed#replayBacklog()}. */
    DeviceFeed open(ClientConnection connection) {
        DeviceFeed feed = new DeviceFeed(connection, deliveries, encoder);
        connection.attach(feed);
        return feed;
    }

    @Override
    public void deliver(StoredMessage message) {
        for (long userId : message.userIds()) {
            for (ClientConnection connection : registry.connectionsOf(userId)) {
                try {
                    connection.feed().offer(message);
                } catch (RuntimeException e) {
                    // This device's copy stays in its backlog; a reconnect replays it.
                    LOG.log(Level.WARNING, "Could not feed message " + message.messageId() + " to " + connection, e);
                    connection.close(CloseCodes.INTERNAL_ERROR, "delivery failed");
                }
            }
        }
    }
}
