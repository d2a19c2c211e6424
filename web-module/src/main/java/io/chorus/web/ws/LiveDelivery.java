package io.chorus.web.ws;

import io.chorus.app.message.DeliveryService;
import io.chorus.app.push.DeliveryTarget;
import io.chorus.app.push.LocalDelivery;
import io.chorus.app.push.RevokedMessage;
import io.chorus.app.push.StoredMessage;
import io.chorus.web.protocol.a.ChatType;
import io.chorus.web.protocol.a.FrameEncoder;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** This node's sessions as the target of cluster deliveries: each device's feed gets the message. */
@ApplicationScoped
public class LiveDelivery implements DeliveryTarget {
    private static final Logger LOG = Logger.getLogger(LiveDelivery.class.getName());
    private static final long RESEND_TICK_MILLIS = 250;

    @Inject
    SessionRegistry registry;

    @Inject
    DeliveryService deliveries;

    @Inject
    FrameEncoder encoder;

    @Inject
    LocalDelivery localDelivery;

    @Inject
    @ConfigProperty(name = "chorus.delivery.resend-delays-ms")
    String resendDelays;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private long[] resendDelaysMillis;
    private ScheduledFuture<?> resends;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        resendDelaysMillis = parseDelays(resendDelays);
        localDelivery.register(this);
        resends = scheduler.scheduleWithFixedDelay(this::resendDue, RESEND_TICK_MILLIS, RESEND_TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (resends != null) {
            resends.cancel(false);
        }
    }

    /** One node-wide tick instead of a timer per message: cheap with many idle connections. */
    private void resendDue() {
        long now = System.currentTimeMillis();
        registry.forEach(connection -> {
            try {
                connection.feed().resendDue(now);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Resend failed for " + connection, e);
            }
        });
    }

    static long[] parseDelays(String delays) {
        if (delays == null || delays.isBlank()) {
            return new long[0];
        }
        return Arrays.stream(delays.split(",")).map(String::trim).mapToLong(Long::parseLong).toArray();
    }

    /** Gives a new connection its feed, waiting for {@link DeviceFeed#replayBacklog()}. */
    DeviceFeed open(ClientConnection connection) {
        DeviceFeed feed = new DeviceFeed(connection, deliveries, encoder, resendDelaysMillis);
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

    @Override
    public void revoked(RevokedMessage revoked) {
        String frame = encoder.revoke(ChatType.C2C, revoked.wireId(), revoked.from(), revoked.to(), revoked.serverTs());
        for (long userId : revoked.userIds()) {
            for (ClientConnection connection : registry.connectionsOf(userId)) {
                if (connection.caller().deviceId() != revoked.revokingDeviceId()) {
                    connection.feed().revoked(revoked.wireId());
                    connection.send(frame);
                }
            }
        }
    }
}
