package io.chorus.app.push;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One thread working through a bounded queue in arrival order. Cluster events are applied and
 * published this way after their transaction committed, so events of one conversation keep the
 * order in which their transactions finished, and the committing thread only enqueues.
 */
final class Lane<T> {
    private static final Logger LOG = Logger.getLogger(Lane.class.getName());

    private final String name;
    private final BlockingQueue<T> queue;
    private final Consumer<T> work;
    private final Thread thread;

    Lane(String name, int capacity, ThreadFactory threads, Consumer<T> work) {
        this.name = name;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.work = work;
        this.thread = threads.newThread(this::run);
        thread.setName("chorus-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** False when the queue is full: the caller decides what a dropped item costs. */
    boolean offer(T item) {
        return queue.offer(item);
    }

    int backlog() {
        return queue.size();
    }

    void stop() {
        thread.interrupt();
    }

    private void run() {
        while (!Thread.currentThread().isInterrupted()) {
            T item;
            try {
                item = queue.take();
            } catch (InterruptedException stopping) {
                return;
            }
            try {
                work.accept(item);
            } catch (RuntimeException e) {
                // One bad item must not stop the lane; what it carried is in the database.
                LOG.log(Level.WARNING, "Lane " + name + " failed on " + item, e);
            }
        }
    }
}
