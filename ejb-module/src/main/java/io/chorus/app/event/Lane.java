package io.chorus.app.event;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A bounded queue worked through in arrival order, one item at a time, in turns on the managed
 * scheduled executor (at most one turn at a time, at most {@value #ITEMS_PER_TURN} items each, so
 * a busy lane does not keep an executor thread from the other timers). Cluster events are applied
 * and published this way after their transaction committed: events of one conversation keep the
 * order in which their transactions finished, and the committing thread only enqueues.
 *
 * <p>{@code work} answers false when an item must be tried again later (the broker is away): the
 * lane then waits, from {@value #FIRST_RETRY_MILLIS} ms doubling to {@value #LAST_RETRY_MILLIS} ms,
 * and tries the same item again; later items wait behind it.
 */
final class Lane<T> {
    private static final Logger LOG = Logger.getLogger(Lane.class.getName());
    private static final int ITEMS_PER_TURN = 1_000;
    static final long FIRST_RETRY_MILLIS = 250;
    static final long LAST_RETRY_MILLIS = 5_000;

    private final String name;
    private final BlockingQueue<T> queue;
    private final ScheduledExecutorService scheduler;
    private final Predicate<T> work;
    private final AtomicBoolean turnScheduled = new AtomicBoolean();
    // No turn starts before this (a retry's wait), even when a new item asks for one.
    private volatile long notBeforeMillis;
    // Only turns touch it, and turns never overlap.
    private long nextRetryMillis = FIRST_RETRY_MILLIS;
    private volatile boolean stopped;

    Lane(String name, int capacity, ScheduledExecutorService scheduler, Predicate<T> work) {
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.scheduler = scheduler;
        this.work = work;
    }

    /** False when the queue is full: the caller decides what a dropped item costs. */
    boolean offer(T item) {
        boolean queued = queue.offer(item);
        if (queued) {
            scheduleTurn();
        }
        return queued;
    }

    int backlog() {
        return queue.size();
    }

    void stop() {
        stopped = true;
    }

    private void scheduleTurn() {
        if (stopped || !turnScheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.schedule(this::turn, Math.max(0, notBeforeMillis - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            turnScheduled.set(false);
        }
    }

    private void turn() {
        try {
            for (int done = 0; done < ITEMS_PER_TURN && !stopped; done++) {
                T item = queue.peek();
                if (item == null) {
                    break;
                }
                if (!attempt(item)) {
                    notBeforeMillis = System.currentTimeMillis() + nextRetryMillis;
                    nextRetryMillis = Math.min(2 * nextRetryMillis, LAST_RETRY_MILLIS);
                    break;
                }
                nextRetryMillis = FIRST_RETRY_MILLIS;
                queue.remove();
            }
        } finally {
            turnScheduled.set(false);
        }
        // Items left over, or offered while this turn was ending.
        if (!queue.isEmpty()) {
            scheduleTurn();
        }
    }

    /** True when the item is done with; one that fails outright is dropped (what it carried is in the database). */
    private boolean attempt(T item) {
        try {
            return work.test(item);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Lane " + name + " failed on " + item, e);
            return true;
        }
    }
}
