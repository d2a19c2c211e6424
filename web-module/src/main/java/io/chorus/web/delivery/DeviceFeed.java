package io.chorus.web.delivery;

import io.chorus.app.delivery.Acknowledgements.DeliveredCopy;
import io.chorus.app.delivery.DeliveryService;
import io.chorus.app.event.StoredMessage;
import io.chorus.app.metrics.NodeMetrics;
import io.chorus.web.socket.ClientConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

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
public final class DeviceFeed {
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
    // Copies past their last resend (their frames dropped), by key, oldest first: still known, so that
    // their late acks are group-committed; bounded, so a device that never acks cannot grow it without end.
    static final int RETIRED_REMEMBERED = 4096;
    private final Map<String, InFlight> retired = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, InFlight> eldest) {
            return size() > RETIRED_REMEMBERED;
        }
    };
    // Conversations in which the last sweep found a pending seq above what this connection sent: that
    // seq. Guarded by this. Found again by the next sweep, it is overdue (below).
    private Map<Long, Long> sweptAbove = new HashMap<>();
    private final LongSupplier clock;
    // When the connection's latest ack came in (guarded by this): a device that keeps acknowledging
    // is alive and reading, and what it has not acknowledged yet is behind, not lost.
    private long lastAckAt;

    DeviceFeed(ClientConnection connection, DeliveryService deliveries, NodeMetrics metrics, long[] resendDelaysMillis) {
        this(connection, deliveries, metrics, resendDelaysMillis, System::currentTimeMillis);
    }

    /** With the test's own {@code clock} (epoch milliseconds). */
    DeviceFeed(ClientConnection connection, DeliveryService deliveries, NodeMetrics metrics, long[] resendDelaysMillis,
               LongSupplier clock) {
        this.connection = connection;
        this.deliveries = deliveries;
        this.metrics = metrics;
        this.deviceId = connection.caller().deviceId();
        this.resendDelaysMillis = resendDelaysMillis;
        this.clock = clock;
    }

    /** A revoked message is not resent with its old content; the backlog holds the stub. */
    synchronized void revoked(String wireType, String wireId) {
        String key = key(wireType, wireId);
        unacked.remove(key);
        retired.remove(key);
    }

    /**
     * The device acknowledged a copy: the message id of the copy this connection sent and awaits an
     * ack for, or null. A copy found is not resent while its ack settles (in a storm the ack's group
     * commit may take longer than the first resend delay).
     */
    public synchronized Long settling(String wireType, String wireId) {
        lastAckAt = clock.getAsLong();
        String key = key(wireType, wireId);
        InFlight flight = unacked.get(key);
        if (flight == null) {
            InFlight late = retired.get(key);
            return late == null ? null : late.messageId;
        }
        flight.hold();
        return flight.messageId;
    }

    /**
     * What settling this copy tells its sender (a peer's one-to-one message: delivered up to its
     * seq), or null: known from what the feed sent, so a delivered receipt costs no query.
     */
    public synchronized DeliveredCopy deliveredCopy(String wireType, String wireId) {
        String key = key(wireType, wireId);
        InFlight flight = unacked.containsKey(key) ? unacked.get(key) : retired.get(key);
        return flight == null ? null : flight.delivered;
    }

    /** The ack could not be settled: the copy is due again after its current delay, if it has resends left. */
    public synchronized void settleFailed(String wireType, String wireId) {
        InFlight flight = unacked.get(key(wireType, wireId));
        if (flight != null) {
            flight.rearm(clock.getAsLong(), resendDelaysMillis[flight.attempts]);
        }
    }

    /** The device acknowledged a message or notice: no more resends of it from this connection. */
    public synchronized void acknowledged(String wireType, String wireId) {
        String key = key(wireType, wireId);
        if (unacked.remove(key) != null || retired.remove(key) != null) {
            settled.add(key);
            if (settled.size() > SETTLED_REMEMBERED) {
                settled.remove(settled.iterator().next());
            }
        }
    }

    /** Whether the device acknowledged this copy on this connection lately (a resent copy's second ack). */
    public synchronized boolean settledRecently(String wireType, String wireId) {
        return settled.contains(key(wireType, wireId));
    }

    /** Wire ids are unique per sender and type only, so the type the ack names is part of the key. */
    private static String key(String wireType, String wireId) {
        return wireType + "," + wireId;
    }

    /**
     * Resends what is due, in the order first sent, with the same id (SPEC §5.3). A copy is due once
     * its delay has passed since it was written and since the connection's latest ack: in a storm the
     * device (or the node reading its acks) is seconds behind the writes, and resending what it is
     * about to acknowledge only made it later (up to a quarter of the frames were resends). After the last
     * scheduled resend a message is left alone: it stays in the backlog for the next connect. The
     * feed still knows it (by its message id), so a late ack settles in the acks' group commit: on a
     * saturated node acks come late, and one transaction per late ack made them later still.
     */
    synchronized void resendDue(long nowMillis) {
        for (Iterator<Map.Entry<String, InFlight>> it = unacked.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, InFlight> entry = it.next();
            InFlight flight = entry.getValue();
            if (flight.dueAt(lastAckAt) > nowMillis) {
                continue;
            }
            metrics.resent();
            flight.attempts++;
            if (flight.attempts > resendDelaysMillis.length - 1) {
                connection.send(flight.frame);
                it.remove();
                flight.frame = null;
                retired.put(entry.getKey(), flight);
            } else {
                connection.send(flight.frame, flight.clockFromWrite(resendDelaysMillis[flight.attempts], clock));
            }
        }
    }

    /** Sends the device's backlog, then the live events that arrived meanwhile. */
    public synchronized void replayBacklog() {
        for (StoredMessage message : deliveries.backlog(deviceId)) {
            send(message);
            metrics.replayed();
            lastSeq.merge(message.conversationId(), message.seq(), Math::max);
        }
        List<StoredMessage> live = waitingForReplay;
        waitingForReplay = null;
        live.forEach(this::apply);
    }

    /**
     * The delivery sweep's view of this device: the newest pending seq per conversation (absent: none
     * pending). A pending seq above what this connection sent may only be in flight — committed, its
     * event on the way — so the first sweep that finds it just remembers it; if the next sweep finds
     * it still unsent, its event was lost (a node died after the commit, a lane overflowed, the broker
     * dropped it), and the feed fills the conversation up to it from the database, as a gap fill does.
     * No clock is compared, so a node's skewed clock changes nothing: an event lost after its commit
     * reaches the device within two sweep intervals. Returns how many copies it sent.
     */
    synchronized int swept(Map<Long, Long> pendingHeads) {
        if (waitingForReplay != null || (pendingHeads.isEmpty() && sweptAbove.isEmpty())) {
            return 0; // the replay, about to run or running, reads the same rows; or nothing pending
        }
        Map<Long, Long> previously = sweptAbove;
        sweptAbove = new HashMap<>();
        int sent = 0;
        for (Map.Entry<Long, Long> head : pendingHeads.entrySet()) {
            long conversation = head.getKey();
            long sentUpTo = lastSeq.getOrDefault(conversation, 0L);
            if (head.getValue() > sentUpTo) {
                // Remembered before the fill: if the database fails it, the next sweep tries at once.
                sweptAbove.put(conversation, head.getValue());
            }
            Long overdue = previously.get(conversation);
            if (overdue != null && overdue > sentUpTo) {
                for (StoredMessage missed : deliveries.pendingBetween(deviceId, conversation, sentUpTo, overdue + 1)) {
                    send(missed);
                    sent++;
                }
                lastSeq.put(conversation, overdue);
                if (head.getValue() <= overdue) {
                    sweptAbove.remove(conversation);
                }
            }
        }
        return sent;
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
        if (resendDelaysMillis.length == 0) {
            connection.dialect().deliver(connection, message, null);
            return;
        }
        InFlight flight = new InFlight(message.messageId(), deliveredCopy(message));
        String frame = connection.dialect().deliver(connection, message, flight.clockFromWrite(resendDelaysMillis[0], clock));
        if (frame != null) {
            flight.frame = frame;
            unacked.put(key(message.kind().wireType().code(), message.wireId()), flight);
        }
    }

    /** A peer's one-to-one message tells its sender when this device has it; anything else nobody. */
    private DeliveredCopy deliveredCopy(StoredMessage message) {
        return DeliveredCopy.of(connection.caller().uid(), message);
    }

    /**
     * A frame waiting for its ack; {@code attempts} counts the resends so far. Its resend clock runs
     * from the moment the frame was written, not queued: a replay queues a whole backlog at once, and
     * on a busy node its last frames reach the socket seconds later; timed from the queue they would
     * be resent before the device could have answered.
     */
    private static final class InFlight {
        private static final long NEVER = Long.MAX_VALUE;
        final long messageId;
        final DeliveredCopy delivered;
        // Guarded by the feed.
        String frame;
        int attempts;
        // The current delay, and when the clock started (NEVER: stopped). The start is written by the
        // write's completion (a container thread) without the feed's lock: a replay holds that lock
        // while it reads the backlog, and an I/O thread must not wait for a query.
        long delayMillis;
        volatile long clockedFrom = NEVER;
        // Its ack is being settled: a write completing meanwhile (of a resend) must not restart the clock.
        private volatile boolean settling;

        InFlight(long messageId, DeliveredCopy delivered) {
            this.messageId = messageId;
            this.delivered = delivered;
        }

        /** When it is due, given the connection's latest ack; NEVER while its clock is stopped. */
        long dueAt(long lastAckAt) {
            long from = clockedFrom;
            return from == NEVER ? NEVER : Math.max(from, lastAckAt) + delayMillis;
        }

        /** Stops the clock until the returned callback runs (when the frame is written); then due after {@code delay}. */
        Runnable clockFromWrite(long delay, LongSupplier clock) {
            delayMillis = delay;
            clockedFrom = NEVER;
            return () -> {
                if (!settling) {
                    clockedFrom = clock.getAsLong();
                }
            };
        }

        void hold() {
            settling = true;
            clockedFrom = NEVER;
        }

        void rearm(long nowMillis, long delay) {
            settling = false;
            delayMillis = delay;
            clockedFrom = nowMillis;
        }
    }
}
