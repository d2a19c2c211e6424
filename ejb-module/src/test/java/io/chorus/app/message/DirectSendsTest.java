package io.chorus.app.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.DatabaseReach;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.message.MessageViews.ChatSend;
import io.chorus.app.message.MessageViews.DirectSend;
import io.chorus.app.message.MessageViews.SendOutcome;
import io.chorus.app.message.MessageViews.SendReceipt;
import io.chorus.app.metrics.NodeMetrics;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.Test;

/**
 * The batcher's own rules, with the storing service replaced (the storing itself is tested against
 * WildFly and PostgreSQL in DirectSendIT): back-pressure, outcomes to their callers in order, and a
 * batch that fails as a whole stored send by send.
 */
class DirectSendsTest {
    /** A scheduler that never runs the breaker's probe: the database stays "out of reach". */
    private static final ScheduledExecutorService NO_PROBES = new ScheduledThreadPoolExecutor(1) {
        @Override
        public void execute(Runnable command) {
        }
    };
    private static final Caller ALICE = new Caller(1, "aliceUid", 11, "phone", false);

    /** Records what it was asked; answers batches with receipts, or fails them when told to. */
    static class RecordingService extends MessageService {
        final List<List<String>> batches = new ArrayList<>();
        final List<String> alone = new ArrayList<>();
        boolean failBatches;
        RuntimeException batchFailure = new IllegalStateException("deadlock detected");

        @Override
        public List<SendOutcome> sendDirectBatch(List<DirectSend> batch) {
            batches.add(batch.stream().map(s -> s.send().wireId()).toList());
            if (failBatches) {
                throw batchFailure;
            }
            return batch.stream().map(s -> s.send().wireId().startsWith("refuse")
                    ? SendOutcome.refused(new ChorusException(ErrorCode.NOT_A_FRIEND))
                    : SendOutcome.stored(receipt(s.send()))).toList();
        }

        @Override
        public SendReceipt sendDirect(Caller sender, ChatSend send) {
            alone.add(send.wireId());
            if (send.wireId().startsWith("refuse")) {
                throw new ChorusException(ErrorCode.NOT_A_FRIEND);
            }
            return receipt(send);
        }

        private static SendReceipt receipt(ChatSend send) {
            return new SendReceipt(send.wireId(), 1000, send.wireId().length(), 7);
        }
    }

    /** Batches are never run on their own: the test hands them to {@code store} itself. */
    private static DirectSends sends(RecordingService service, int capacity) {
        return sends(service, capacity, new DatabaseReach(null, NO_PROBES));
    }

    private static DirectSends sends(RecordingService service, int capacity, DatabaseReach reach) {
        DirectSends sends = new DirectSends();
        sends.reach = reach;
        sends.messages = service;
        sends.metrics = new NodeMetrics();
        sends.capacity = capacity;
        sends.start(batch -> { });
        return sends;
    }

    private static ChatSend send(String id) {
        return new ChatSend(id, "bobUid", "{}", 0);
    }

    @Test
    void aFullQueue_refusesAtOnceWithServerBusy_andCountsIt() {
        DirectSends sends = sends(new RecordingService(), 2);
        CompletableFuture<SendReceipt> first = sends.submit(ALICE, send("a"));
        CompletableFuture<SendReceipt> second = sends.submit(ALICE, send("b"));
        CompletableFuture<SendReceipt> third = sends.submit(ALICE, send("c"));

        assertTrue(!first.isDone() && !second.isDone(), "the first two wait for their batch");
        assertEquals(ErrorCode.SERVER_BUSY, refusal(third).code());
        assertEquals(1, sends.metrics.busySends());
    }

    @Test
    void aQueueWhoseOldestSendWaitedTooLong_refusesWithServerBusy() {
        DirectSends sends = new DirectSends();
        sends.reach = new DatabaseReach(null, NO_PROBES);
        sends.messages = new RecordingService();
        sends.metrics = new NodeMetrics();
        sends.capacity = 100;
        sends.maxWaitMillis = 1;
        sends.start(batch -> { });
        CompletableFuture<SendReceipt> first = sends.submit(ALICE, send("a"));
        // The wait bound is 1 ms of the wall clock: let it pass (a spin of about a millisecond, not a sleep).
        long queuedAt = System.currentTimeMillis();
        while (System.currentTimeMillis() < queuedAt + 3) {
            Thread.onSpinWait();
        }
        CompletableFuture<SendReceipt> second = sends.submit(ALICE, send("b"));

        assertTrue(!first.isDone(), "the first waits for its batch");
        assertEquals(ErrorCode.SERVER_BUSY, refusal(second).code(), "room for 99 more, but the oldest waited too long");
        assertEquals(1, sends.metrics.busySends());
    }

    @Test
    void outcomes_reachTheirOwnCallers() {
        RecordingService service = new RecordingService();
        DirectSends sends = sends(service, 8);
        List<DirectSends.Pending> batch = pendings("m1", "refuse-2", "m33");

        sends.store(batch);

        assertEquals(List.of(List.of("m1", "refuse-2", "m33")), service.batches);
        assertEquals("m1", batch.get(0).done().join().wireId());
        assertEquals(ErrorCode.NOT_A_FRIEND, refusal(batch.get(1).done()).code());
        assertEquals(3, batch.get(2).done().join().seq());
        assertEquals(0, sends.metrics.splitBatches());
    }

    @Test
    void aBatchFailingAsAWhole_isStoredSendBySend_inOrder() {
        RecordingService service = new RecordingService();
        service.failBatches = true;
        DirectSends sends = sends(service, 8);
        List<DirectSends.Pending> batch = pendings("m1", "refuse-2", "m3");

        sends.store(batch);

        assertEquals(List.of("m1", "refuse-2", "m3"), service.alone);
        assertEquals("m1", batch.get(0).done().join().wireId());
        assertEquals(ErrorCode.NOT_A_FRIEND, refusal(batch.get(1).done()).code());
        assertEquals("m3", batch.get(2).done().join().wireId());
        assertEquals(1, sends.metrics.splitBatches());
    }

    @Test
    void aBatchThatLostTheDatabase_failsWhole_andLaterBatchesAreRefusedWithoutTrying() {
        RecordingService service = new RecordingService();
        service.failBatches = true;
        service.batchFailure = new IllegalStateException("commit failed",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        DirectSends sends = sends(service, 8, new DatabaseReach(null, NO_PROBES));
        List<DirectSends.Pending> lost = pendings("m1", "m2");

        sends.store(lost);
        List<DirectSends.Pending> later = pendings("m3");
        sends.store(later);

        assertEquals(List.of(), service.alone, "not split: one by one each send would meet the outage again");
        assertEquals(List.of(List.of("m1", "m2")), service.batches, "the later batch never reached the database");
        for (DirectSends.Pending pending : lost) {
            CompletionException failed = assertThrows(CompletionException.class, () -> pending.done().join());
            assertSame(service.batchFailure, failed.getCause());
        }
        assertEquals(ErrorCode.UNAVAILABLE, refusal(later.get(0).done()).code());
        assertEquals(0, sends.metrics.splitBatches());
    }

    private static List<DirectSends.Pending> pendings(String... ids) {
        return List.of(ids).stream()
                .map(id -> new DirectSends.Pending(new DirectSend(ALICE, send(id)), new CompletableFuture<>()))
                .toList();
    }

    private static ChorusException refusal(CompletableFuture<SendReceipt> future) {
        try {
            future.join();
            throw new AssertionError("expected a refusal");
        } catch (CompletionException refused) {
            assertSame(ChorusException.class, refused.getCause().getClass());
            return (ChorusException) refused.getCause();
        }
    }
}
