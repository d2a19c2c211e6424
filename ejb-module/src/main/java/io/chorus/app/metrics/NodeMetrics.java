package io.chorus.app.metrics;

import io.chorus.domain.cluster.NodeLeaseRepository.NodeFigures;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;

/**
 * This node's delivery figures, counted here (the admin figures sum them across nodes through the
 * lease rows); the web module publishes them as Prometheus metrics ({@code :9990/metrics}).
 */
@ApplicationScoped
public class NodeMetrics {
    private final AtomicLong sends = new AtomicLong();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong acks = new AtomicLong();
    private final AtomicLong resends = new AtomicLong();
    private final AtomicLong droppedEvents = new AtomicLong();
    private final AtomicLong busySends = new AtomicLong();
    private final AtomicLong splitBatches = new AtomicLong();
    private final AtomicLong swept = new AtomicLong();
    private volatile IntSupplier connections = () -> 0;
    private volatile LongConsumer latencyMillis = millis -> { };
    private volatile LongConsumer sweepMicros = micros -> { };

    public void sent() {
        sends.incrementAndGet();
    }

    /** A live delivery of a message committed at {@code serverTs}. */
    public void delivered(long serverTs) {
        deliveries.incrementAndGet();
        latencyMillis.accept(Math.max(0, System.currentTimeMillis() - serverTs));
    }

    /** A delivery from the backlog: counted, but its age is not a latency. */
    public void replayed() {
        deliveries.incrementAndGet();
    }

    public void acked() {
        acks.incrementAndGet();
    }

    public void resent() {
        resends.incrementAndGet();
    }

    /** A cluster event not applied or not published because a lane was full (its messages wait in backlogs). */
    public void eventDropped() {
        droppedEvents.incrementAndGet();
    }

    public long droppedEvents() {
        return droppedEvents.get();
    }

    /** A send refused with {@code server_busy}: too many sends waited to be stored. */
    public void sendRefusedBusy() {
        busySends.incrementAndGet();
    }

    public long busySends() {
        return busySends.get();
    }

    /** A batch of sends failed as a whole and was stored one send at a time (e.g. a deadlock). */
    public void sendBatchSplit() {
        splitBatches.incrementAndGet();
    }

    public long splitBatches() {
        return splitBatches.get();
    }

    /**
     * Copies the delivery sweep sent because their event never came (lost after the commit): also
     * counted as deliveries. Anything but zero means events were lost.
     */
    public void swept(int copies) {
        swept.addAndGet(copies);
        deliveries.addAndGet(copies);
    }

    public long swept() {
        return swept.get();
    }

    /** The web layer tells how to count its sockets. */
    public void countConnectionsWith(IntSupplier count) {
        connections = count;
    }

    /** Where each live delivery's latency goes (the exported histogram). */
    public void observeLatencyWith(LongConsumer observer) {
        latencyMillis = observer;
    }

    /** One delivery sweep (query and fills) took this long. */
    public void sweepTook(long micros) {
        sweepMicros.accept(micros);
    }

    public void observeSweepsWith(LongConsumer observer) {
        sweepMicros = observer;
    }

    /** Cumulative since this node started, and its open sockets now. */
    public NodeFigures totals() {
        return new NodeFigures(connections.getAsInt(), sends.get(), deliveries.get(), acks.get(), resends.get());
    }
}
