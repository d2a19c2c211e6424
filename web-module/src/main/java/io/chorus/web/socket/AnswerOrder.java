package io.chorus.web.socket;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * "Answers keep frame order" for one connection. Acknowledgements and one-to-one sends are not
 * settled on the spot but pipeline into group commits (docs/ARCHITECTURE.md, <i>Group commit of
 * sends</i>, <i>Acks and resends</i>), so without a rule a later frame's answer could overtake theirs,
 * or find an acknowledged copy still pending. The rule, for the connection's frames in the order they
 * arrive (one at a time):
 * <ul>
 * <li>an acknowledgement waits for nothing; it settles with the acks' next group commit (an error
 *     about it, such as {@code unknown_message}, is written when it is known);</li>
 * <li>a one-to-one send waits for the acknowledgements before it, then pipelines behind the sends
 *     before it, which are stored (and so answered) in the order they were made; a send the node
 *     has no room to queue is refused with {@code server_busy} at once;</li>
 * <li>any other frame, a ping included, waits until the acknowledgements and sends before it are
 *     settled and answered;</li>
 * <li>an answer made on the spot for a frame that is not an acknowledgement, such as a refusal, is
 *     written after the answers of the sends before it ({@link #answerAfterSends}).</li>
 * </ul>
 * So whatever the client sent before a frame is settled and answered when that frame is answered,
 * as if each ack and each send were its own transaction.
 *
 * <p>A wait is bounded ({@value #WAIT_SECONDS} s): a group commit that takes longer lets the frame
 * through, as a failed one does. Thread-safe for one frame-handling thread at a time plus the
 * threads that complete the commits.
 */
public final class AnswerOrder {
    /** The longest a frame waits for the acks and sends before it. */
    static final long WAIT_SECONDS = 30;

    private static final Logger LOG = Logger.getLogger(AnswerOrder.class.getName());
    private static final CompletableFuture<Void> NOTHING_PENDING = CompletableFuture.completedFuture(null);

    /** What a frame is to the rule. */
    public enum Turn {
        /** An acknowledgement: waits for nothing. */
        ACK,
        /** A one-to-one send that pipelines into a group commit: waits for the acknowledgements before it. */
        PIPELINED_SEND,
        /** Anything else: waits for the acknowledgements and the sends before it. */
        OTHER
    }

    private final Consumer<String> out;
    // The newest acknowledgement, settling in a group commit; complete once it settled (or failed).
    private volatile CompletableFuture<?> newestAck = NOTHING_PENDING;
    // The newest one-to-one send or on-the-spot answer queued behind one; complete once it is answered.
    private volatile CompletableFuture<?> newestSend = NOTHING_PENDING;

    /** @param out writes a text frame to the connection */
    AnswerOrder(Consumer<String> out) {
        this.out = out;
    }

    /** Returns once the frames before this one that a frame of {@code turn} must not overtake are settled and answered. */
    public void awaitTurn(Turn turn) {
        if (turn != Turn.ACK) {
            await(newestAck);
        }
        if (turn == Turn.OTHER) {
            await(newestSend);
        }
    }

    /**
     * The frame is an acknowledgement settling in a group commit: {@code then} runs once it settled
     * or failed, and the frames after it wait for that.
     */
    public <T> void acknowledging(CompletableFuture<T> settled, BiConsumer<? super T, ? super Throwable> then) {
        newestAck = settled.whenComplete(then);
    }

    /**
     * The frame is a one-to-one send pipelining into a group commit: {@code answer} writes its answer
     * once it is stored or refused, and the frames after it that are not sends wait for that.
     */
    public <T> void sending(CompletableFuture<T> stored, BiConsumer<? super T, ? super Throwable> answer) {
        newestSend = stored.whenComplete(answer);
    }

    /**
     * Writes {@code frame}, an answer made on the spot, once the one-to-one sends before it are
     * answered (at once if none waits): a refusal must not overtake their answers.
     */
    public void answerAfterSends(String frame) {
        newestSend = newestSend.handle((answered, failed) -> {
            out.accept(frame);
            return null;
        });
    }

    private static void await(CompletableFuture<?> pending) {
        try {
            pending.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Failed: as settled as it will get. Too slow: the frame goes ahead rather than hold its thread longer.
            LOG.log(Level.FINE, "A frame went ahead of an acknowledgement or send that did not settle", e);
        }
    }
}
