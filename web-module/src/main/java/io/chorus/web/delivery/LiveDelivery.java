package io.chorus.web.delivery;

import io.chorus.app.delivery.Acknowledgements;
import io.chorus.app.delivery.DeliveryService;
import io.chorus.app.event.DeliveredUpTo;
import io.chorus.app.event.DeliveryTarget;
import io.chorus.app.event.DeviceSignedIn;
import io.chorus.app.event.DeviceSignedOut;
import io.chorus.app.event.LocalDelivery;
import io.chorus.app.event.PresenceChanged;
import io.chorus.app.event.ReadMoved;
import io.chorus.app.event.RevokedMessage;
import io.chorus.app.event.SocketsClosed;
import io.chorus.app.event.StoredMessage;
import io.chorus.app.event.Typing;
import io.chorus.app.metrics.NodeMetrics;
import io.chorus.domain.message.DeliveryRepository.DeviceMessage;
import io.chorus.domain.message.DeliveryRepository.PendingHead;
import io.chorus.web.socket.ClientConnection;
import io.chorus.web.socket.ClientConnection.WrittenCopy;
import io.chorus.web.socket.CloseCodes;
import io.chorus.web.socket.ConnectionHooks;
import io.chorus.web.socket.Dialect;
import io.chorus.web.socket.SessionRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's sessions as the target of cluster events: each device's feed gets its messages and
 * stored notices; the other events go to each connection's {@link Dialect}.
 */
@ApplicationScoped
public class LiveDelivery implements DeliveryTarget, ConnectionHooks {
    private static final Logger LOG = Logger.getLogger(LiveDelivery.class.getName());
    private static final long RESEND_TICK_MILLIS = 250;

    @Inject
    SessionRegistry registry;

    @Inject
    DeliveryService deliveries;

    @Inject
    LocalDelivery localDelivery;

    @Inject
    NodeMetrics metrics;

    @Inject
    Acknowledgements acknowledgements;

    @Inject
    @ConfigProperty(name = "chorus.delivery.resend-delays-ms")
    String resendDelays;

    @Inject
    @ConfigProperty(name = "chorus.delivery.sweep-interval-ms")
    long sweepIntervalMillis;

    @Inject
    @ConfigProperty(name = "chorus.node.id")
    String nodeId;

    @Resource
    ManagedScheduledExecutorService scheduler;

    // Each connection's feed, from just before it is registered until it closes.
    private final Map<ClientConnection, DeviceFeed> feeds = new ConcurrentHashMap<>();
    private long[] resendDelaysMillis;
    private ScheduledFuture<?> resends;
    private ScheduledFuture<?> sweeps;
    // The pending revokes of this node's devices the last sweep found (only the sweep touches it):
    // found again by the next, their event was lost.
    private Set<DeviceMessage> revokesSeen = Set.of();

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        resendDelaysMillis = parseDelays(resendDelays);
        localDelivery.register(this);
        metrics.countConnectionsWith(registry::count);
        resends = scheduler.scheduleWithFixedDelay(this::tick, RESEND_TICK_MILLIS, RESEND_TICK_MILLIS, TimeUnit.MILLISECONDS);
        if (sweepIntervalMillis > 0) {
            sweeps = scheduler.scheduleWithFixedDelay(this::sweep, sweepIntervalMillis, sweepIntervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        for (ScheduledFuture<?> task : new ScheduledFuture<?>[] {resends, sweeps}) {
            if (task != null) {
                task.cancel(false);
            }
        }
    }

    /**
     * The safety net under the events (docs/ARCHITECTURE.md, *Delivery bound*): one query for the
     * newest pending seq of every conversation of every device connected here, compared by each
     * feed with what it sent. An event lost after its commit — this node or the publishing one died,
     * a lane overflowed, the broker dropped it — would otherwise leave its message waiting until
     * the conversation's next message or the device's next connect; with the sweep it arrives
     * within two intervals. The database away: the next sweep tries again.
     */
    private void sweep() {
        long started = System.nanoTime();
        Map<Long, Map<Long, Long>> headsByDevice = new HashMap<>();
        Map<Long, Set<Long>> overdueRevokes = new HashMap<>();
        try {
            for (PendingHead head : deliveries.pendingHeads(nodeId)) {
                headsByDevice.computeIfAbsent(head.deviceId(), device -> new HashMap<>()).put(head.conversationId(), head.seq());
            }
            Set<DeviceMessage> revokes = new HashSet<>(deliveries.pendingRevokesOn(nodeId));
            for (DeviceMessage revoke : revokes) {
                if (revokesSeen.contains(revoke)) {
                    overdueRevokes.computeIfAbsent(revoke.deviceId(), device -> new HashSet<>()).add(revoke.messageId());
                }
            }
            revokesSeen = revokes;
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Delivery sweep could not read the pending heads; the next one tries again", e);
            return;
        }
        feeds.forEach((connection, feed) -> {
            try {
                long deviceId = connection.caller().deviceId();
                int revokes = overdueRevokes.containsKey(deviceId) ? tellPendingRevokes(connection, feed, overdueRevokes.get(deviceId)) : 0;
                int sent = feed.swept(headsByDevice.getOrDefault(deviceId, Map.of())) + revokes;
                if (sent > 0) {
                    metrics.swept(sent);
                    LOG.fine(() -> "Delivery sweep sent " + sent + " copies whose events were lost to " + connection);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Delivery sweep could not fill " + connection + "; the next one tries again", e);
            }
        });
        metrics.sweepTook((System.nanoTime() - started) / 1_000);
    }

    /**
     * One node-wide tick instead of a timer per message, cheap with many idle connections: resends
     * what dialect A devices did not acknowledge, settles what was written to dialect B devices.
     */
    private void tick() {
        long now = System.currentTimeMillis();
        registry.forEach(connection -> {
            try {
                DeviceFeed feed = feeds.get(connection);
                if (feed != null) {
                    feed.resendDue(now);
                }
                settleWritten(connection);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Resend or settle failed for " + connection, e);
            }
        });
    }

    /** Settles the connection's written messages; also done once more when it closes. */
    private void settleWritten(ClientConnection connection) {
        List<WrittenCopy> written = connection.takeWritten();
        if (!written.isEmpty()) {
            deliveries.settle(connection.caller().deviceId(), written.stream().map(WrittenCopy::messageId).toList());
            acknowledgements.delivered(written.stream().map(WrittenCopy::delivered).filter(Objects::nonNull).toList());
        }
    }

    static long[] parseDelays(String delays) {
        if (delays == null || delays.isBlank()) {
            return new long[0];
        }
        return Arrays.stream(delays.split(",")).map(String::trim).mapToLong(Long::parseLong).toArray();
    }

    /** Gives a new connection its feed, which holds live events back until its backlog is replayed. */
    @Override
    public void registering(ClientConnection connection) {
        feeds.put(connection, new DeviceFeed(connection, deliveries, metrics, resendDelaysMillis));
    }

    @Override
    public void live(ClientConnection connection) {
        // An ack of this device's that this node took just before the reconnect must not be replayed as unacknowledged.
        acknowledgements.awaitSettled(connection.caller().deviceId());
        DeviceFeed feed = feeds.get(connection);
        if (feed != null) {
            feed.replayBacklog();
            try {
                tellPendingRevokes(connection, feed, null);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Could not read the pending revokes of " + connection + "; the delivery sweep tries again", e);
            }
        }
    }

    /**
     * Tells the connection of the revokes its device has still to hear of ({@code only} these, or
     * all), after its backlog; each is settled once written. Returns how many it told.
     */
    private int tellPendingRevokes(ClientConnection connection, DeviceFeed feed, Set<Long> only) {
        long deviceId = connection.caller().deviceId();
        List<Long> told = new ArrayList<>();
        for (RevokedMessage revoke : deliveries.pendingRevokes(deviceId)) {
            if (only == null || only.contains(revoke.messageId())) {
                feed.revoked(revoke.kind().wireType().code(), revoke.wireId());
                connection.dialect().revoked(connection, revoke);
                told.add(revoke.messageId());
            }
        }
        if (!told.isEmpty()) {
            deliveries.settleRevokes(deviceId, told);
        }
        return told.size();
    }

    @Override
    public void closed(ClientConnection connection) {
        feeds.remove(connection);
        settleWritten(connection);
    }

    /** The connection's feed; null once it has closed. */
    public DeviceFeed feedOf(ClientConnection connection) {
        return feeds.get(connection);
    }

    @Override
    public void deliver(StoredMessage message) {
        for (long userId : message.userIds()) {
            for (ClientConnection connection : registry.connectionsOf(userId)) {
                DeviceFeed feed = feeds.get(connection);
                if (feed == null) {
                    continue; // closed a moment ago: the copy stays in the backlog
                }
                try {
                    feed.offer(message);
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
        for (long userId : revoked.userIds()) {
            for (ClientConnection connection : registry.connectionsOf(userId)) {
                if (connection.caller().deviceId() != revoked.revokingDeviceId()) {
                    DeviceFeed feed = feeds.get(connection);
                    if (feed != null) {
                        feed.revoked(revoked.kind().wireType().code(), revoked.wireId());
                    }
                    connection.dialect().revoked(connection, revoked);
                    settleRevoke(connection, revoked);
                }
            }
        }
    }

    /** The device was told: its pending revoke goes (the database away: the sweep tells it again, harmlessly). */
    private void settleRevoke(ClientConnection connection, RevokedMessage revoked) {
        try {
            deliveries.settleRevokes(connection.caller().deviceId(), List.of(revoked.messageId()));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Could not settle the revoke of " + revoked.messageId() + " for " + connection, e);
        }
    }

    /** A friend's presence, to each connected device of the audience. */
    @Override
    public void presenceChanged(PresenceChanged presence) {
        for (long userId : presence.audience()) {
            for (ClientConnection connection : registry.connectionsOf(userId)) {
                connection.dialect().presence(connection, presence);
            }
        }
    }

    /** The reader's other devices follow its cursor; the one-to-one peer gets a read receipt. */
    @Override
    public void readMoved(ReadMoved read) {
        for (ClientConnection connection : registry.connectionsOf(read.readerId())) {
            if (connection.caller().deviceId() != read.readerDeviceId()) {
                connection.dialect().readMoved(connection, read, true);
            }
        }
        for (long peer : read.receiptTo()) {
            for (ClientConnection connection : registry.connectionsOf(peer)) {
                connection.dialect().readMoved(connection, read, false);
            }
        }
    }

    @Override
    public void delivered(DeliveredUpTo delivered) {
        for (ClientConnection connection : registry.connectionsOf(delivered.senderId())) {
            connection.dialect().delivered(connection, delivered);
        }
    }

    @Override
    public void typing(Typing typing) {
        for (long userId : typing.audience()) {
            for (ClientConnection connection : registry.connectionsOf(userId)) {
                connection.dialect().typing(connection, typing);
            }
        }
    }

    /**
     * A socket of the same device on another node is replaced; the other devices are told, and those
     * the policy pushes out are closed, each in its dialect's way.
     */
    @Override
    public void deviceSignedIn(DeviceSignedIn signedIn) {
        for (ClientConnection connection : registry.connectionsOf(signedIn.userId())) {
            long deviceId = connection.caller().deviceId();
            if (deviceId == signedIn.deviceId()) {
                // On the node of the new socket the registry has replaced the old one already.
                if (!nodeId.equals(signedIn.nodeId()) && !connection.connectionId().equals(signedIn.connectionId())) {
                    connection.dialect().replaced(connection);
                }
            } else {
                connection.dialect().anotherDevice(connection, signedIn, signedIn.kicked().contains(deviceId));
            }
        }
    }

    /** The device's tokens are gone (removed, logged out), and its socket with them. */
    @Override
    public void deviceSignedOut(DeviceSignedOut signedOut) {
        registry.connection(signedOut.userId(), signedOut.deviceId())
                .ifPresent(connection -> connection.dialect().tokensRevoked(connection));
    }

    @Override
    public void socketsClosed(SocketsClosed closed) {
        for (ClientConnection connection : registry.connectionsOf(closed.userId())) {
            if (closed.deviceId() == null || closed.deviceId() == connection.caller().deviceId()) {
                if (closed.disabled()) {
                    connection.dialect().tokensRevoked(connection);
                } else {
                    connection.dialect().kicked(connection);
                }
            }
        }
    }
}
