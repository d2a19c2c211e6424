package io.chorus.web.socket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one writer of a session: text or binary frames are queued and written one at a time through the async remote,
 * the next one started when the previous completes, so no caller ever blocks and no two sends overlap
 * (concurrent sends on one session may throw).
 *
 * <p>The queue is bounded: a client that does not read fills it, and is then closed with 1008 "slow
 * consumer" instead of growing the heap. A close request waits for the frames queued before it.
 */
public final class SessionWriter {
    private static final Logger LOG = Logger.getLogger(SessionWriter.class.getName());
    // A refused socket writes one frame and closes: a queue of one is plenty.
    private static final int REFUSAL_QUEUE = 1;

    private final Session session;
    private final int capacity;
    private final Object lock = new Object();
    // Guarded by lock.
    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private boolean writing;
    private boolean closing;
    private CloseReason closeWhenDrained;

    SessionWriter(Session session, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.session = session;
        this.capacity = capacity;
    }

    /**
     * The last words to a socket that gets no connection (its authentication failed): {@code frame}
     * is written, then the socket is closed with {@code reason}.
     */
    public static void refuse(Session session, String frame, CloseReason reason) {
        SessionWriter writer = new SessionWriter(session, REFUSAL_QUEUE);
        writer.send(frame);
        writer.close(reason);
    }

    /** As {@link #refuse(Session, String, CloseReason)}, with a binary frame. */
    public static void refuse(Session session, byte[] frame, CloseReason reason) {
        SessionWriter writer = new SessionWriter(session, REFUSAL_QUEUE);
        writer.sendBinary(frame, null);
        writer.close(reason);
    }

    /** Queues a text frame; false when the writer is closing or the queue overflowed. */
    boolean send(String text) {
        return send(text, null);
    }

    /** Queues a text frame; {@code onWritten} (if not null) runs once it is written, as for binary frames. */
    boolean send(String text, Runnable onWritten) {
        return enqueue(new Outgoing(text, null, onWritten));
    }

    /**
     * Queues a binary frame; {@code onWritten} runs once the container reports it written (not for a
     * frame that is dropped or fails). False when the writer is closing or the queue overflowed.
     */
    boolean sendBinary(byte[] data, Runnable onWritten) {
        return enqueue(new Outgoing(null, data, onWritten));
    }

    private boolean enqueue(Outgoing frame) {
        boolean overflowed = false;
        synchronized (lock) {
            if (closing) {
                return false;
            }
            if (queue.size() >= capacity) {
                overflowed = true;
                closing = true;
                queue.clear();
                closeWhenDrained = null;
            } else {
                queue.add(frame);
                if (writing) {
                    return true;
                }
                writing = true;
            }
        }
        if (overflowed) {
            LOG.warning(() -> "Connection " + session.getId() + " left " + capacity + " frames unread; closing it");
            closeSession(CloseCodes.slowConsumer());
            return false;
        }
        pump();
        return true;
    }

    /** Closes the session once the frames queued so far are written; later frames are dropped. */
    void close(CloseReason reason) {
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            if (writing) {
                closeWhenDrained = reason;
                return;
            }
        }
        closeSession(reason);
    }

    /**
     * Writes queued frames until the queue is empty or a write is still in flight. Only the thread that
     * set {@code writing} runs it, and a completion that arrives inline (on the sending thread) hands
     * back to this loop instead of recursing, so a long queue cannot overflow the stack.
     */
    private void pump() {
        while (true) {
            Outgoing next;
            CloseReason close = null;
            synchronized (lock) {
                next = queue.poll();
                if (next == null) {
                    writing = false;
                    close = closeWhenDrained;
                    closeWhenDrained = null;
                }
            }
            if (next == null) {
                if (close != null) {
                    closeSession(close);
                }
                return;
            }
            Handoff handoff = new Handoff(next.onWritten());
            try {
                if (next.text() != null) {
                    session.getAsyncRemote().sendText(next.text(), handoff);
                } else {
                    session.getAsyncRemote().sendBinary(ByteBuffer.wrap(next.binary()), handoff);
                }
            } catch (RuntimeException closedUnderUs) {
                handoff.onResult(new SendResult(closedUnderUs));
            }
            if (!handoff.senderFinished()) {
                return;
            }
        }
    }

    private void failed(Throwable cause) {
        synchronized (lock) {
            closing = true;
            queue.clear();
            closeWhenDrained = null;
        }
        LOG.fine(() -> "Connection " + session.getId() + " write failed: " + (cause == null ? "unknown" : cause.getClass().getName()));
        closeSession(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "write failed"));
    }

    private void closeSession(CloseReason reason) {
        try {
            if (session.isOpen()) {
                session.close(reason);
            }
        } catch (IOException | RuntimeException alreadyGone) {
            // Nothing left to do for a session that cannot even be closed; the container reaps it.
            LOG.log(Level.FINE, "Connection " + session.getId() + " could not be closed cleanly", alreadyGone);
        }
    }

    /**
     * Decides who continues the pump after one send: whichever of the sending thread and the
     * completion arrives second.
     */
    private final class Handoff implements SendHandler {
        private final AtomicBoolean firstDone = new AtomicBoolean();
        private final Runnable onWritten;

        Handoff(Runnable onWritten) {
            this.onWritten = onWritten;
        }

        /** Called by the sender after sendText returned; true when the write already completed. */
        boolean senderFinished() {
            return firstDone.getAndSet(true);
        }

        @Override
        public void onResult(SendResult result) {
            if (!result.isOK()) {
                failed(result.getException());
            } else if (onWritten != null) {
                onWritten.run();
            }
            if (firstDone.getAndSet(true)) {
                pump();
            }
        }
    }

    /** One queued frame: text, or binary with what to do once it is written. */
    private record Outgoing(String text, byte[] binary, Runnable onWritten) {
    }
}
