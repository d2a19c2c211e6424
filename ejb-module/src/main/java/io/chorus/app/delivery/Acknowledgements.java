package io.chorus.app.delivery;

import io.chorus.app.work.QueueWorker;
import io.chorus.domain.message.DeliveryRepository.DeviceMessage;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit of acknowledgements: the acks that arrive while one batch commits go together in the
 * next (one statement, one commit). A fan-out to 500 devices brings 500 acks at once; one
 * transaction each made them the largest cost of a delivery (docs/PERFORMANCE.md). Callers do not
 * block on their ack (a blocked worker thread per ack would cap a batch at the worker pool's size);
 * they get a future and wait for it where it matters: before a connection's next frame, and
 * ({@link #awaitSettled}) before the device's backlog is read.
 *
 * <p>Only copies the caller knows to be pending come here (the feed has them in flight, by message
 * id); anything else goes through {@link DeliveryService#acknowledge}, which can say
 * {@code unknown_message}.
 */
@ApplicationScoped
public class Acknowledgements {
    private static final Logger LOG = Logger.getLogger(Acknowledgements.class.getName());
    private static final int MAX_BATCH = 512;
    private static final long WAIT_SECONDS = 30;
    private static final CompletableFuture<Void> SETTLED = CompletableFuture.completedFuture(null);

    @Inject
    DeliveryService deliveries;

    @Resource
    ManagedExecutorService executor;

    // Bounded by the callers: each one waits for its own ack.
    private QueueWorker<Pending> batches;
    // The newest unsettled ack of each device. Batches commit in queue order, so once a device's
    // newest ack is settled, all its earlier ones are. Per device, not node-wide: in a reconnect
    // storm every open waited for the whole node's ack queue, and the worker threads with it.
    private final ConcurrentMap<Long, CompletableFuture<Void>> newestOfDevice = new ConcurrentHashMap<>();

    private record Pending(DeviceMessage copy, CompletableFuture<Void> done) {
    }

    @PostConstruct
    void start() {
        start(executor);
    }

    /** Batches run on {@code runner}: the managed executor, or the test's own. */
    void start(Executor runner) {
        batches = QueueWorker.<Pending>named("acks").batchesOf(MAX_BATCH).runningOn(runner).handling(this::commit);
    }

    @PreDestroy
    void stop() {
        batches.stop().forEach(ack -> ack.done().completeExceptionally(new IllegalStateException("stopping")));
    }

    /**
     * Deletes the device's delivery row of the message with the next batch; the future completes
     * once that committed, or fails (the row stays: the copy is resent or replayed, at least once).
     */
    public CompletableFuture<Void> settle(long deviceId, long messageId) {
        Pending ack = new Pending(new DeviceMessage(deviceId, messageId), new CompletableFuture<>());
        // Queued and recorded as the device's newest in one step: two sockets of a device may ack at once.
        newestOfDevice.compute(deviceId, (device, earlier) -> {
            if (!batches.offer(ack)) {
                ack.done().completeExceptionally(new IllegalStateException("stopping")); // the row stays: resent or replayed
            }
            return ack.done();
        });
        ack.done().whenComplete((settled, failed) -> newestOfDevice.remove(deviceId, ack.done()));
        return ack.done();
    }

    /** Returns once every ack of the device queued before this call is committed (or failed). */
    public void awaitSettled(long deviceId) {
        await(settledBarrier(deviceId));
    }

    /** Completes when the device's acks queued so far are committed (or failed). */
    CompletableFuture<Void> settledBarrier(long deviceId) {
        return newestOfDevice.getOrDefault(deviceId, SETTLED);
    }

    /** Waits for an ack's future (bounded); a failed one is as settled as it will get. */
    private static void await(CompletableFuture<?> settled) {
        try {
            settled.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.FINE, "An acknowledgement did not settle", e);
        }
    }

    private void commit(List<Pending> batch) {
        try {
            deliveries.settle(batch.stream().map(Pending::copy).toList());
            batch.forEach(ack -> ack.done().complete(null));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Settling " + batch.size() + " acknowledgements failed; their copies stay pending", e);
            batch.forEach(ack -> ack.done().completeExceptionally(e));
        }
    }
}
