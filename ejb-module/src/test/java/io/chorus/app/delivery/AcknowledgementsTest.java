package io.chorus.app.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.domain.message.DeliveryRepository.DeviceMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The acks' group commit and its barrier, with the deleting service replaced (the delete itself is
 * tested against WildFly and PostgreSQL in DirectDeliveryIT): a reconnecting device waits for its own acks only.
 */
class AcknowledgementsTest {
    private static final long PHONE = 11;
    private static final long LAPTOP = 12;

    /** Records the batches it is asked to settle; fails them when told to. */
    static class RecordingDeliveries extends DeliveryService {
        final List<List<DeviceMessage>> settled = new ArrayList<>();
        boolean fail;

        @Override
        public void settle(List<DeviceMessage> copies) {
            if (fail) {
                throw new IllegalStateException("database down");
            }
            settled.add(copies);
        }
    }

    private final RecordingDeliveries deliveries = new RecordingDeliveries();
    // Batches wait here until the test runs them.
    private final List<Runnable> batches = new ArrayList<>();
    private final Acknowledgements acks = new Acknowledgements();

    {
        acks.deliveries = deliveries;
        acks.start(batches::add);
    }

    private void runBatches() {
        while (!batches.isEmpty()) {
            batches.remove(0).run();
        }
    }

    @Test
    void theBarrier_waitsForTheDevicesOwnAcks_notForOtherDevices() {
        CompletableFuture<Void> ack = acks.settle(PHONE, 100);

        assertFalse(acks.settledBarrier(PHONE).isDone(), "the phone's ack is still queued");
        assertTrue(acks.settledBarrier(LAPTOP).isDone(), "the laptop acked nothing: no wait");

        runBatches();

        assertTrue(ack.isDone());
        assertTrue(acks.settledBarrier(PHONE).isDone());
        assertEquals(List.of(List.of(new DeviceMessage(PHONE, 100))), deliveries.settled);
    }

    @Test
    void theBarrier_isTheDevicesNewestAck() {
        acks.settle(PHONE, 100);
        CompletableFuture<Void> newest = acks.settle(PHONE, 101);
        acks.settle(LAPTOP, 100);

        assertEquals(newest, acks.settledBarrier(PHONE));

        runBatches();

        assertEquals(1, deliveries.settled.size(), "acks that arrived together commit together");
        assertEquals(3, deliveries.settled.get(0).size());
        assertTrue(acks.settledBarrier(PHONE).isDone());
        assertTrue(acks.settledBarrier(LAPTOP).isDone());
    }

    @Test
    void aFailedBatch_failsItsAcks_andReleasesTheBarrier() {
        deliveries.fail = true;
        CompletableFuture<Void> ack = acks.settle(PHONE, 100);

        runBatches();

        assertTrue(ack.isCompletedExceptionally(), "the copy stays pending: resent or replayed");
        assertTrue(acks.settledBarrier(PHONE).isDone(), "a reconnect does not wait for what will not settle");
        assertTrue(deliveries.settled.isEmpty());
    }
}
