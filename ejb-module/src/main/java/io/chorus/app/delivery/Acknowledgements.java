package io.chorus.app.delivery;

import io.chorus.app.event.DeliveredUpTo;
import io.chorus.app.event.EventPublisher;
import io.chorus.app.event.StoredMessage;
import io.chorus.app.identity.PublicIds;
import io.chorus.app.work.QueueWorker;
import io.chorus.domain.message.ConversationKind;
import io.chorus.domain.message.DeliveryRepository.DeviceMessage;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
 *
 * <p>Delivered receipts come from here too, at no extra query: once a batch committed, each
 * one-to-one conversation whose peer's messages it settled gets one {@link DeliveredUpTo} for the
 * highest seq settled, to the senders' devices ({@code chorus.receipts.delivered}).
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

    @Inject
    EventPublisher events;

    @Inject
    PublicIds ids;

    @Inject
    @ConfigProperty(name = "chorus.receipts.delivered")
    boolean deliveredReceipts;

    // Bounded by the callers: each one waits for its own ack.
    private QueueWorker<Pending> batches;
    // The newest unsettled ack of each device. Batches commit in queue order, so once a device's
    // newest ack is settled, all its earlier ones are. Per device, not node-wide: in a reconnect
    // storm every open waited for the whole node's ack queue, and the worker threads with it.
    private final ConcurrentMap<Long, CompletableFuture<Void>> newestOfDevice = new ConcurrentHashMap<>();

    private record Pending(DeviceMessage copy, DeliveredCopy delivered, CompletableFuture<Void> done) {
    }

    /**
     * What a settled copy tells its sender: {@code recipientUid}'s device has {@code senderUid}'s
     * one-to-one message {@code seq} of the conversation.
     */
    public record DeliveredCopy(String recipientUid, String senderUid, long conversationId, long seq) {
        /** What {@code recipientUid}'s copy of {@code message} tells: a peer's one-to-one message its sender; else nothing (null). */
        public static DeliveredCopy of(String recipientUid, StoredMessage message) {
            return message.kind() == ConversationKind.DIRECT && !recipientUid.equals(message.from())
                    ? new DeliveredCopy(recipientUid, message.from(), message.conversationId(), message.seq()) : null;
        }
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
        return settle(deviceId, messageId, null);
    }

    /** As {@link #settle(long, long)}; once settled, {@code delivered} (null: none) is told to the sender. */
    public CompletableFuture<Void> settle(long deviceId, long messageId, DeliveredCopy delivered) {
        Pending ack = new Pending(new DeviceMessage(deviceId, messageId), delivered, new CompletableFuture<>());
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
            return;
        }
        delivered(batch.stream().map(Pending::delivered).filter(Objects::nonNull).toList());
    }

    /**
     * These copies are settled (a batch of acks, or dialect B's written copies): one receipt per
     * conversation and sender, for the highest seq ("delivered up to N"), unless receipts are off.
     */
    public void delivered(List<DeliveredCopy> copies) {
        if (!deliveredReceipts || copies.isEmpty()) {
            return;
        }
        Map<List<Object>, DeliveredCopy> highest = new HashMap<>();
        for (DeliveredCopy copy : copies) {
            highest.merge(List.of(copy.conversationId(), copy.senderUid()), copy, (a, b) -> a.seq() >= b.seq() ? a : b);
        }
        long now = System.currentTimeMillis();
        for (DeliveredCopy copy : highest.values()) {
            try {
                events.publish(new DeliveredUpTo(copy.recipientUid(), ids.decode(copy.senderUid()), copy.senderUid(), copy.seq(), now));
            } catch (RuntimeException e) {
                // A receipt is a hint: the copies are settled, and the sender learns "read" from the cursor.
                LOG.log(Level.FINE, "Could not publish a delivered receipt", e);
            }
        }
    }
}
