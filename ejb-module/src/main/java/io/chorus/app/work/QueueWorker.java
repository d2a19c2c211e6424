package io.chorus.app.work;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A bounded queue worked through in arrival order, in turns: at most one turn at a time, each a
 * task on a managed executor (a busy queue hands its thread back between turns instead of owning
 * one, and the committing or reading thread only enqueues). A turn takes batches of at most
 * {@code batchSize} items, whatever arrived meanwhile, until it has handled {@code itemsPerTurn}
 * (by default one batch per turn); what is left goes in the next turn, which is a new task.
 *
 * <ul>
 * <li>Group commits ({@link Builder#handling}): a batch is handled once; its callers learn the
 * outcome from the work itself (futures).
 * <li>Retrying lanes ({@link Builder#trying}): the work answers false while the batch must be
 * tried again later (a broker away); the worker then waits, from the first retry delay doubling to
 * the last, and tries the same batch again. Nothing behind it overtakes it.
 * </ul>
 * Work that throws is logged and its batch dropped (what it carried is in the database, or its
 * futures tell its callers); the log line names the queue and describes the batch through
 * {@link Builder#describedBy}, never with the items' {@code toString}, which may hold message bodies.
 * A full queue refuses: the caller decides what a refused item costs. So does, with
 * {@link Builder#maxWaitMillis}, a queue whose oldest item has waited longer than that: a count
 * bounds memory, not time, and a node running behind (cold, or short of CPU) would otherwise keep
 * seconds of queue until it caught up, which on a machine with little spare capacity takes minutes
 * (docs/PERFORMANCE.md step 11); refusing instead keeps what is accepted within the wait.
 */
public final class QueueWorker<T> {
    private static final Logger LOG = Logger.getLogger(QueueWorker.class.getName());

    /** Work that may fail for a while: false when the same batch must be tried again later. */
    @FunctionalInterface
    public interface Work<T> {
        boolean tryHandle(List<T> batch);
    }

    /** Where turns run: at once, or after {@code delayMillis} (a retry's wait). */
    @FunctionalInterface
    public interface Turns {
        void start(Runnable turn, long delayMillis);
    }

    private final String name;
    private final BlockingQueue<Queued<T>> queue;
    private final long maxWaitMillis;
    private final int batchSize;
    private final int itemsPerTurn;
    private final long firstRetryMillis;
    private final long lastRetryMillis;
    private final Turns turns;
    private final Work<T> work;
    private final Function<T, String> describe;
    private final LongSupplier clock;
    private final AtomicBoolean turnScheduled = new AtomicBoolean();
    private volatile boolean stopped;
    // No turn starts before this (a retry's wait), even when a new item asks for one.
    private volatile long notBeforeMillis;
    // Only turns touch these, and turns never overlap: the batch waiting for its retry, and the next wait.
    private List<T> retrying;
    private long nextRetryMillis;

    private QueueWorker(Builder<T> b, Work<T> work) {
        this.name = b.name;
        this.queue = new LinkedBlockingQueue<>(b.capacity);
        this.maxWaitMillis = b.maxWaitMillis;
        this.batchSize = b.batchSize;
        this.itemsPerTurn = b.itemsPerTurn;
        this.firstRetryMillis = b.firstRetryMillis;
        this.lastRetryMillis = b.lastRetryMillis;
        this.nextRetryMillis = b.firstRetryMillis;
        this.turns = Objects.requireNonNull(b.turns, "where the turns run");
        this.work = work;
        this.describe = b.describe;
        this.clock = b.clock;
    }

    public static <T> Builder<T> named(String name) {
        return new Builder<>(name);
    }

    /** An item and when it was queued. */
    private record Queued<T>(T item, long queuedAtMillis) {
    }

    /**
     * Queues the item for a coming turn; false when {@code capacity} items wait already, when the
     * oldest has waited longer than {@code maxWaitMillis}, or once stopped.
     */
    public boolean offer(T item) {
        if (stopped) {
            return false;
        }
        // Only a queue bounded in time reads the clock: the others are on every send's path for nothing.
        long now = 0;
        if (maxWaitMillis > 0) {
            now = clock.getAsLong();
            Queued<T> oldest = queue.peek();
            if (oldest != null && now - oldest.queuedAtMillis() > maxWaitMillis) {
                return false;
            }
        }
        boolean queued = queue.offer(new Queued<>(item, now));
        if (queued) {
            scheduleTurn();
        }
        return queued;
    }

    /** How many items wait (not counting a batch being handled or waiting for its retry). */
    public int backlog() {
        return queue.size();
    }

    /**
     * No turn starts any more, and offers are refused; a turn under way ends after its batch.
     * Returns what still waited, taken out of the queue (a batch waiting for its retry is dropped).
     */
    public List<T> stop() {
        stopped = true;
        List<Queued<T>> left = new ArrayList<>();
        queue.drainTo(left);
        return left.stream().map(Queued::item).toList();
    }

    private void scheduleTurn() {
        if (stopped || !turnScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            turns.start(this::turn, Math.max(0, notBeforeMillis - clock.getAsLong()));
        } catch (RejectedExecutionException shuttingDown) {
            turnScheduled.set(false);
        }
    }

    private void turn() {
        boolean retryDue = false;
        try {
            int handled = 0;
            while (!stopped) {
                List<T> batch = retrying != null ? retrying : take();
                if (batch.isEmpty()) {
                    break;
                }
                if (!attempt(batch)) {
                    retrying = batch;
                    notBeforeMillis = clock.getAsLong() + nextRetryMillis;
                    nextRetryMillis = Math.min(2 * nextRetryMillis, lastRetryMillis);
                    break;
                }
                retrying = null;
                nextRetryMillis = firstRetryMillis;
                handled += batch.size();
                if (handled >= itemsPerTurn) {
                    break;
                }
            }
            retryDue = retrying != null;
        } finally {
            turnScheduled.set(false);
        }
        // A batch to retry, items left over, or items offered while this turn was ending.
        if (retryDue || !queue.isEmpty()) {
            scheduleTurn();
        }
    }

    private List<T> take() {
        List<Queued<T>> queued = new ArrayList<>(Math.min(batchSize, 64));
        queue.drainTo(queued, batchSize);
        List<T> batch = new ArrayList<>(queued.size());
        for (Queued<T> each : queued) {
            batch.add(each.item());
        }
        return batch;
    }

    /** True when the batch is done with; one whose work throws is dropped, and said so without its content. */
    private boolean attempt(List<T> batch) {
        try {
            return work.tryHandle(batch);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "Queue " + name + " dropped " + description(batch) + ": its work failed");
            return true;
        }
    }

    private String description(List<T> batch) {
        return batch.size() == 1 ? describe.apply(batch.get(0)) : "a batch of " + batch.size();
    }

    /** What a queue worker is: a name, then its settings; {@link #handling} or {@link #trying} makes it. */
    public static final class Builder<T> {
        private final String name;
        private int capacity = Integer.MAX_VALUE;
        private long maxWaitMillis;
        private int batchSize = 1;
        private int itemsPerTurn = 1;
        private long firstRetryMillis;
        private long lastRetryMillis;
        private Turns turns;
        private boolean turnsWait;
        private Function<T, String> describe = item -> item.getClass().getSimpleName();
        private LongSupplier clock = System::currentTimeMillis;

        private Builder(String name) {
            this.name = name;
        }

        /** At most this many items wait (default: no bound but memory; the callers bound it). */
        public Builder<T> capacity(int capacity) {
            this.capacity = capacity;
            return this;
        }

        /**
         * New items are refused while the oldest waiting one has waited longer than this (default
         * 0: no bound but {@link #capacity}). The wait of what is accepted is then bounded by this
         * plus one batch's handling.
         */
        public Builder<T> maxWaitMillis(long maxWaitMillis) {
            this.maxWaitMillis = maxWaitMillis;
            return this;
        }

        /** At most this many items are handled together (default 1). */
        public Builder<T> batchesOf(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /**
         * A turn ends once it has handled this many items, so that a busy queue does not keep a
         * thread from other work (default 1: one batch per turn).
         */
        public Builder<T> itemsPerTurn(int itemsPerTurn) {
            this.itemsPerTurn = itemsPerTurn;
            return this;
        }

        /** A batch whose work answers false is tried again after {@code firstMillis}, doubling up to {@code lastMillis}. */
        public Builder<T> retryingAfter(long firstMillis, long lastMillis) {
            this.firstRetryMillis = firstMillis;
            this.lastRetryMillis = lastMillis;
            return this;
        }

        /** How a log line names one item: its kind and ids, never its content (default: its class). */
        public Builder<T> describedBy(Function<T, String> describe) {
            this.describe = describe;
            return this;
        }

        /** Turns run on this executor, at once: for work that is not retried. */
        public Builder<T> runningOn(Executor executor) {
            this.turns = (turn, delayMillis) -> executor.execute(turn);
            this.turnsWait = false;
            return this;
        }

        /** Turns run on this scheduler, after a retry's wait where there is one. */
        public Builder<T> runningOn(ScheduledExecutorService scheduler) {
            this.turns = (turn, delayMillis) -> scheduler.schedule(turn, delayMillis, TimeUnit.MILLISECONDS);
            this.turnsWait = true;
            return this;
        }

        /** Turns run where {@code turns} says, which honours the delays (tests run them by hand). */
        public Builder<T> runningOn(Turns turns) {
            this.turns = turns;
            this.turnsWait = true;
            return this;
        }

        /** For tests: the clock retry waits and queue waits are measured with. */
        Builder<T> clock(LongSupplier clock) {
            this.clock = clock;
            return this;
        }

        /** A group commit: each batch handled once. */
        public QueueWorker<T> handling(Consumer<List<T>> work) {
            return new QueueWorker<>(this, batch -> {
                work.accept(batch);
                return true;
            });
        }

        /** A retrying lane: {@code work} answers false to have the same batch tried again later. */
        public QueueWorker<T> trying(Work<T> work) {
            if (firstRetryMillis <= 0 || lastRetryMillis < firstRetryMillis) {
                throw new IllegalStateException("Queue " + name + " retries: say after how long (retryingAfter)");
            }
            if (!turnsWait) {
                throw new IllegalStateException("Queue " + name + " retries: its turns need a scheduler that can wait");
            }
            return new QueueWorker<>(this, work);
        }
    }
}
