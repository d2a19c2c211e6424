package io.chorus.web.ws;

import io.chorus.app.message.DeliveryService;
import io.chorus.app.metrics.NodeMetrics;
import io.chorus.app.push.StoredMessage;
import io.chorus.domain.message.Conversation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts one device's messages and stored notices on its connection in {@code seq} order per
 * conversation (a user's notices are one conversation), live and on replay (SPEC §5.2).
 *
 * <p>Cluster events can arrive out of commit order, so the feed remembers the last seq it sent per
 * conversation. The next seq goes out at once; a gap — or the first event of a conversation on this
 * connection — is first filled from the device's pending deliveries in the database (a message
 * with a lower seq is committed before a higher one is even assigned, the conversation row lock
 * sees to that); a seq at or below the last one was already sent by a fill and is skipped. Until
 * the backlog has been replayed, live events wait, so nothing overtakes the backlog.
 */
final class DeviceFeed {
    private final ClientConnection connection;
    private final DeliveryService deliveries;
    private final NodeMetrics metrics;
    private final long deviceId;
    // Guarded by this.
    private final Map<Long, Long> lastSeq = new HashMap<>();
    private List<StoredMessage> waitingForReplay = new ArrayList<>();
    // Sent and not acknowledged yet, in send order, keyed by wire id.
    private final Map<String, InFlight> unacked = new LinkedHashMap<>();
    private final long[] resendDelaysMillis;
    // The newest settled keys, oldest first: resends make acks come in twice.
    private final Set<String> settled = new LinkedHashSet<>();
    private static final int SETTLED_REMEMBERED = 256;

    DeviceFeed(ClientConnection connection, DeliveryService deliveries, NodeMetrics metrics, long[] resendDelaysMillis) {
        this.connection = connection;
        this.deliveries = deliveries;
        this.metrics = metrics;
        this.deviceId = connection.caller().deviceId();
        this.resendDelaysMillis = resendDelaysMillis;
    }

    /** A revoked message is not resent with its old content; the backlog holds the stub. */
    synchronized void revoked(String wireType, String wireId) {
        unacked.remove(key(wireType, wireId));
    }

    /** The device acknowledged a message or notice: no more resends of it from this connection. */
    synchronized void acknowledged(String wireType, String wireId) {
        String key = key(wireType, wireId);
        if (unacked.remove(key) != null) {
            settled.add(key);
            if (settled.size() > SETTLED_REMEMBERED) {
                settled.remove(settled.iterator().next());
            }
        }
    }

    /** Whether the device acknowledged this copy on this connection lately (a resent copy's second ack). */
    synchronized boolean settledRecently(String wireType, String wireId) {
        return settled.contains(key(wireType, wireId));
    }

    /** The message id of a copy this connection sent and awaits an ack for, or null. */
    synchronized Long inFlight(String wireType, String wireId) {
        InFlight flight = unacked.get(key(wireType, wireId));
        return flight == null ? null : flight.messageId;
    }

    /** Wire ids are unique per sender and type only, so the type the ack names is part of the key. */
    private static String key(String wireType, String wireId) {
        return wireType + "," + wireId;
    }

    /**
     * Resends what is due, in the order first sent, with the same id (SPEC §5.3). After the last
     * scheduled resend a message is left alone: it stays in the backlog for the next connect.
     */
    synchronized void resendDue(long nowMillis) {
        for (Iterator<InFlight> it = unacked.values().iterator(); it.hasNext(); ) {
            InFlight flight = it.next();
            if (flight.dueAt > nowMillis) {
                continue;
            }
            connection.send(flight.frame);
            metrics.resent();
            flight.attempts++;
            if (flight.attempts > resendDelaysMillis.length - 1) {
                it.remove();
            } else {
                flight.dueAt = nowMillis + resendDelaysMillis[flight.attempts];
            }
        }
    }

    /** Sends the device's backlog, then the live events that arrived meanwhile. */
    synchronized void replayBacklog() {
        for (StoredMessage message : deliveries.backlog(deviceId)) {
            send(message);
            metrics.replayed();
            lastSeq.merge(message.conversationId(), message.seq(), Math::max);
        }
        List<StoredMessage> live = waitingForReplay;
        waitingForReplay = null;
        live.forEach(this::apply);
    }

    /** A live event for this device's user, from the cluster topic. */
    synchronized void offer(StoredMessage message) {
        if (waitingForReplay != null) {
            waitingForReplay.add(message);
        } else {
            apply(message);
        }
    }

    private void apply(StoredMessage message) {
        long conversation = message.conversationId();
        Long last = lastSeq.get(conversation);
        if (last != null && message.seq() <= last) {
            return;
        }
        long after = last == null ? 0 : last;
        if (message.seq() > after + 1) {
            deliveries.pendingBetween(deviceId, conversation, after, message.seq()).forEach(missed -> {
                send(missed);
                metrics.replayed();
            });
        }
        // The sending device has its own message; it only moves its cursor past it.
        if (message.senderDeviceId() != deviceId) {
            send(message);
            metrics.delivered(message.serverTs());
        }
        lastSeq.put(conversation, message.seq());
    }

    private void send(StoredMessage message) {
        String frame = connection.dialect().deliver(connection, message);
        if (frame != null && resendDelaysMillis.length > 0) {
            unacked.put(key(Conversation.wireType(message.kind()), message.wireId()),
                    new InFlight(message.messageId(), frame, System.currentTimeMillis() + resendDelaysMillis[0]));
        }
    }

    /** A frame waiting for its ack; {@code attempts} counts the resends so far. */
    private static final class InFlight {
        final long messageId;
        final String frame;
        long dueAt;
        int attempts;

        InFlight(long messageId, String frame, long dueAt) {
            this.messageId = messageId;
            this.frame = frame;
            this.dueAt = dueAt;
        }
    }
}
