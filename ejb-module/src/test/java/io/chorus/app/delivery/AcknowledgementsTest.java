package io.chorus.app.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.app.delivery.Acknowledgements.DeliveredCopy;
import io.chorus.app.event.ClusterEvent;
import io.chorus.app.event.DeliveredUpTo;
import io.chorus.app.event.EventPublisher;
import io.chorus.app.identity.PublicIds;
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

    /** Records what would be published. */
    static class RecordingEvents extends EventPublisher {
        final List<ClusterEvent> published = new ArrayList<>();

        @Override
        public void publish(ClusterEvent event) {
            published.add(event);
        }
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

    @Test
    void aCommittedBatch_tellsEachSenderOnce_perConversation_theHighestSeq() {
        RecordingEvents events = new RecordingEvents();
        PublicIds ids = new PublicIds("k3G7QAe51FCsPW92uEOyq4Bg6Sp8YzVTmnU0liwDjHcXLNrZbRoIxvJhMKtfad", 8);
        String alice = ids.encode(1);
        String carol = ids.encode(3);
        acks.events = events;
        acks.ids = ids;
        acks.deliveredReceipts = true;
        acks.settle(PHONE, 100, new DeliveredCopy("bob", alice, 7, 4));
        acks.settle(PHONE, 101, new DeliveredCopy("bob", alice, 7, 6));
        acks.settle(LAPTOP, 101, new DeliveredCopy("bob", alice, 7, 5));
        acks.settle(PHONE, 102, new DeliveredCopy("bob", carol, 9, 2));
        acks.settle(PHONE, 103, null); // a notice, or the user's own message: nobody to tell

        runBatches();

        assertEquals(2, events.published.size(), events.published::toString);
        List<DeliveredUpTo> receipts = events.published.stream().map(DeliveredUpTo.class::cast)
                .sorted(java.util.Comparator.comparingLong(DeliveredUpTo::senderId)).toList();
        assertEquals(List.of("bob:1:" + alice + ":6", "bob:3:" + carol + ":2"), receipts.stream()
                .map(r -> r.recipientUid() + ":" + r.senderId() + ":" + r.senderUid() + ":" + r.seq()).toList());
    }

    @Test
    void aFailedBatch_tellsNobody() {
        RecordingEvents events = new RecordingEvents();
        acks.events = events;
        acks.ids = new PublicIds("k3G7QAe51FCsPW92uEOyq4Bg6Sp8YzVTmnU0liwDjHcXLNrZbRoIxvJhMKtfad", 8);
        acks.deliveredReceipts = true;
        deliveries.fail = true;
        acks.settle(PHONE, 100, new DeliveredCopy("bob", new PublicIds("k3G7QAe51FCsPW92uEOyq4Bg6Sp8YzVTmnU0liwDjHcXLNrZbRoIxvJhMKtfad", 8).encode(1), 7, 4));

        runBatches();

        assertTrue(events.published.isEmpty(), "the copy is still pending: it was not delivered");
    }
}
