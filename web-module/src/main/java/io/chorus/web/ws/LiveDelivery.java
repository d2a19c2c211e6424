package io.chorus.web.ws;

import io.chorus.app.message.DeliveryService;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.push.DeliveryTarget;
import io.chorus.app.push.DeviceRemoved;
import io.chorus.app.push.DeviceSignedIn;
import io.chorus.app.push.PresenceChanged;
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

/**
 * This node's sessions as the target of cluster events: each device's feed gets its messages and
 * stored notices; presence and device-policy notices are one-shot frames.
 */
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

    @Inject
    @ConfigProperty(name = "chorus.node.id")
    String nodeId;

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
        String frame = encoder.revoke(ChatType.valueOf(revoked.kind()), revoked.wireId(), revoked.from(), revoked.to(),
                revoked.serverTs());
        for (long userId : revoked.userIds()) {
            for (ClientConnection connection : registry.connectionsOf(userId)) {
                if (connection.caller().deviceId() != revoked.revokingDeviceId()) {
                    connection.feed().revoked(revoked.kind(), revoked.wireId());
                    connection.send(frame);
                }
            }
        }
    }

    /** {@code S2C online|offline|hide} from the friend, to each connected device of the audience. */
    @Override
    public void presenceChanged(PresenceChanged presence) {
        for (long userId : presence.audience()) {
            for (ClientConnection connection : registry.connectionsOf(userId)) {
                connection.send(encoder.presence(presence.uid(), connection.caller().uid(), presence.state(), presence.serverTs()));
            }
        }
    }

    /**
     * A socket of the same device on another node is replaced (4001); devices the policy pushes out get
     * {@code logged_another_device} and are closed (4002); the other devices just get the notice.
     */
    @Override
    public void deviceSignedIn(DeviceSignedIn signedIn) {
        String frame = encoder.loggedAnotherDevice(signedIn.uid(), signedIn.did(), signedIn.dname(), signedIn.serverTs());
        for (ClientConnection connection : registry.connectionsOf(signedIn.userId())) {
            long deviceId = connection.caller().deviceId();
            if (deviceId == signedIn.deviceId()) {
                // On the node of the new socket the registry has replaced the old one already.
                if (!nodeId.equals(signedIn.nodeId()) && !connection.connectionId().equals(signedIn.connectionId())) {
                    connection.close(CloseCodes.REPLACED, "replaced");
                }
            } else if (signedIn.kicked().contains(deviceId)) {
                connection.send(frame);
                connection.close(CloseCodes.KICKED, "logged_another_device");
            } else {
                connection.send(frame);
            }
        }
    }

    /** The device's tokens are gone; its socket goes the way of an invalid token (SPEC §4: 706, 4006). */
    @Override
    public void deviceRemoved(DeviceRemoved removed) {
        registry.connection(removed.userId(), removed.deviceId()).ifPresent(connection -> {
            connection.send(encoder.error(ErrorCode.TOKEN_INVALID, null));
            connection.close(CloseCodes.TOKEN_INVALID, ErrorCode.TOKEN_INVALID.reason());
        });
    }
}
