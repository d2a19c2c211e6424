package io.chorus.web.socket;

import io.chorus.app.account.Caller;
import io.chorus.app.delivery.Acknowledgements.DeliveredCopy;
import io.chorus.web.socket.limit.TokenBucket;
import jakarta.websocket.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One authenticated connection, {@code /ws} or {@code /jim}: the session, who is on it, the dialect
 * it speaks and its single writer. Safe to use from any thread: sending only queues.
 */
public final class ClientConnection {
    /** Frames a connection may have waiting before it counts as a slow consumer. */
    // Room for a full backlog replay (5,000 messages) plus live traffic.
    static final int OUTBOUND_QUEUE_CAPACITY = 8192;

    private final Session session;
    private final Caller caller;
    private final Dialect dialect;
    // This device's send budget on this node (chorus.rate.*); null: unlimited.
    private final TokenBucket sends;
    // Unique across nodes and restarts: tells this socket's presence row from its successor's.
    private final String connectionId = UUID.randomUUID().toString();
    private final SessionWriter writer;
    // Guarded by this: the socket's presence row is written at most once, and never after its close.
    private boolean presenceRecorded;
    private boolean gone;
    // Messages written to a dialect B socket, which is their delivery; settled in batches.
    private final Queue<WrittenCopy> written = new ConcurrentLinkedQueue<>();
    private final AnswerOrder answers = new AnswerOrder(this::send);

    ClientConnection(Session session, Caller caller, Dialect dialect) {
        this(session, caller, dialect, OUTBOUND_QUEUE_CAPACITY, null);
    }

    ClientConnection(Session session, Caller caller, Dialect dialect, int queueCapacity, TokenBucket sends) {
        this.session = session;
        this.caller = caller;
        this.dialect = dialect;
        this.writer = new SessionWriter(session, queueCapacity);
        this.sends = sends;
    }

    /** Whether the device may send a message now (its per-node send budget); always without one. */
    public boolean maySend() {
        return sends == null || sends.tryTake();
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The container's session id: stable for the connection's life, fine for logs. */
    public String id() {
        return session.getId();
    }

    /** Identifies this socket cluster-wide (presence rows, device-policy events). */
    public String connectionId() {
        return connectionId;
    }

    public Caller caller() {
        return caller;
    }

    /**
     * Runs {@code record} (which writes this socket's presence row) unless the socket already went
     * away: a close that overtakes a slow open must not leave a row behind that says "online".
     */
    synchronized void recordPresence(Runnable record) {
        if (!gone) {
            record.run();
            presenceRecorded = true;
        }
    }

    /** Runs {@code forget} (which removes the presence row) if one was written; once. */
    synchronized void forgetPresence(Runnable forget) {
        gone = true;
        if (presenceRecorded) {
            presenceRecorded = false;
            forget.run();
        }
    }

    /**
     * Queues a text frame without blocking. Returns false when it was not queued: the connection is
     * closing, or this frame overflowed the queue and the connection is being closed with 1008.
     */
    public boolean send(String text) {
        return writer.send(text);
    }

    /** Queues a text frame; {@code onWritten} runs once it is written (not for a frame dropped). See {@link #send}. */
    public boolean send(String text, Runnable onWritten) {
        return writer.send(text, onWritten);
    }

    /** Queues a binary frame; {@code onWritten} runs once it is written. See {@link #send}. */
    public boolean sendBinary(byte[] frame, Runnable onWritten) {
        return writer.sendBinary(frame, onWritten);
    }

    /** The message reached the device (dialect B: its frame was written); settled with the next batch. */
    public void written(long messageId) {
        written(messageId, null);
    }

    /** As {@link #written(long)}; once settled, {@code delivered} (null: none) is told to the message's sender. */
    public void written(long messageId, DeliveredCopy delivered) {
        written.add(new WrittenCopy(messageId, delivered));
    }

    /** The messages written since the last call, to settle. */
    public List<WrittenCopy> takeWritten() {
        List<WrittenCopy> taken = new ArrayList<>();
        for (WrittenCopy copy = written.poll(); copy != null; copy = written.poll()) {
            taken.add(copy);
        }
        return taken;
    }

    /** A copy written to a dialect B socket: its message, and what settling it tells the sender (or null). */
    public record WrittenCopy(long messageId, DeliveredCopy delivered) {
    }

    /** The order in which this connection's frames are answered (dialect A pipelines acks and sends). */
    public AnswerOrder answerOrder() {
        return answers;
    }

    /** Closes with {@code code} after the frames already queued are written; later frames are dropped. */
    public void close(int code, String reason) {
        writer.close(CloseCodes.reason(code, reason));
    }

    @Override
    public String toString() {
        return "ClientConnection[" + id() + ", user " + caller.userId() + ", device " + caller.deviceId() + "]";
    }
}
