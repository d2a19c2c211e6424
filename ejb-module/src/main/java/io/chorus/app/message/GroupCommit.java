package io.chorus.app.message;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A queue worked through in batches: whatever arrived while one batch was handled goes together in
 * the next (at most {@code maxBatch}, in arrival order), so one transaction serves many callers.
 * Batches run one at a time as tasks on the managed executor (a busy queue hands its thread back
 * between batches instead of owning one); the acks' and the sends' group commits work this way.
 * The cluster events' {@code Lane} is the per-item, retrying kin of this.
 */
final class GroupCommit<T> {
    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());

    private final String name;
    private final int maxBatch;
    private final BlockingQueue<T> queue;
    private final Executor executor;
    private final Consumer<List<T>> work;
    private final AtomicBoolean batchScheduled = new AtomicBoolean();

    GroupCommit(String name, int capacity, int maxBatch, Executor executor, Consumer<List<T>> work) {
        this.name = name;
        this.maxBatch = maxBatch;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.executor = executor;
        this.work = work;
    }

    /** Queues the item for a coming batch; false when {@code capacity} items wait already. */
    boolean offer(T item) {
        boolean queued = queue.offer(item);
        if (queued) {
            scheduleBatch();
        }
        return queued;
    }

    /** What still waits, taken out of the queue: the server is stopping. */
    List<T> drain() {
        List<T> left = new ArrayList<>();
        queue.drainTo(left);
        return left;
    }

    private void scheduleBatch() {
        if (!batchScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::batch);
        } catch (RejectedExecutionException shuttingDown) {
            batchScheduled.set(false);
        }
    }

    private void batch() {
        List<T> batch = new ArrayList<>(maxBatch);
        try {
            queue.drainTo(batch, maxBatch);
            if (!batch.isEmpty()) {
                work.accept(batch);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Group commit " + name + " failed on a batch of " + batch.size(), e);
        } finally {
            batchScheduled.set(false);
        }
        // Items left over, or queued while this batch was ending.
        if (!queue.isEmpty()) {
            scheduleBatch();
        }
    }
}
