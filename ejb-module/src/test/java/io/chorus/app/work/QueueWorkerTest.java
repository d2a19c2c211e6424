package io.chorus.app.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The queue worker's rules, with turns run by the test (each turn is recorded with the delay it
 * asked for, and runs when the test says) and a clock the test moves.
 */
class QueueWorkerTest {
    /** Turns waiting to run, with their delays. */
    private final List<Runnable> turns = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private final List<List<String>> handled = new ArrayList<>();
    private long now = 10_000;

    private QueueWorker.Builder<String> worker() {
        return QueueWorker.<String>named("test").runningOn((turn, delayMillis) -> {
            turns.add(turn);
            delays.add(delayMillis);
        }).clock(() -> now);
    }

    private void runTurns() {
        while (!turns.isEmpty()) {
            turns.remove(0).run();
        }
    }

    private void runOneTurn() {
        turns.remove(0).run();
    }

    @Test
    void batches_keepArrivalOrder_atMostBatchSizeEach_oneBatchPerTurn() {
        QueueWorker<String> queue = worker().batchesOf(3).handling(handled::add);
        List.of("a", "b", "c", "d", "e").forEach(queue::offer);

        assertEquals(1, turns.size(), "one turn asked for, however many items came");
        runOneTurn();
        assertEquals(List.of(List.of("a", "b", "c")), handled);
        assertEquals(1, turns.size(), "the rest in a new turn");
        runTurns();
        assertEquals(List.of(List.of("a", "b", "c"), List.of("d", "e")), handled);
    }

    @Test
    void oneTurnAtATime_itemsOfferedDuringATurnGoInTheNext() {
        List<Integer> turnsAskedDuringWork = new ArrayList<>();
        QueueWorker<String>[] queue = new QueueWorker[1];
        queue[0] = worker().batchesOf(10).handling(batch -> {
            handled.add(batch);
            if (batch.contains("a")) {
                queue[0].offer("late");
                turnsAskedDuringWork.add(turns.size());
            }
        });
        queue[0].offer("a");

        runOneTurn();

        assertEquals(List.of(0), turnsAskedDuringWork, "no second turn while one runs");
        assertEquals(1, turns.size(), "the late item's turn, once the first ended");
        runTurns();
        assertEquals(List.of(List.of("a"), List.of("late")), handled);
    }

    @Test
    void itemsPerTurn_boundsATurn() {
        QueueWorker<String> queue = worker().itemsPerTurn(2).handling(handled::add);
        List.of("a", "b", "c").forEach(queue::offer);

        runOneTurn();

        assertEquals(List.of(List.of("a"), List.of("b")), handled, "one at a time, two per turn");
        runTurns();
        assertEquals(3, handled.size());
    }

    @Test
    void aFailedBatch_isRetriedWithBackoff_andNothingBehindItOvertakesIt() {
        List<String> tried = new ArrayList<>();
        int[] failuresLeft = {3};
        QueueWorker<String> queue = worker().retryingAfter(250, 5_000).itemsPerTurn(100).trying(batch -> {
            tried.add(batch.get(0));
            if (batch.get(0).equals("a") && failuresLeft[0]-- > 0) {
                return false;
            }
            handled.add(batch);
            return true;
        });
        queue.offer("a");
        queue.offer("b");

        runOneTurn();
        queue.offer("c");

        assertEquals(List.of("a"), tried, "b waits behind the failed a");
        assertEquals(List.of(0L, 250L), delays, "the retry waits");
        assertEquals(1, turns.size(), "c's offer asks for no earlier turn");
        now += 250;
        runOneTurn();
        assertEquals(List.of("a", "a"), tried, "the same batch again, not what queued behind it");
        now += 500;
        runOneTurn();
        assertEquals(List.of(0L, 250L, 500L, 1000L), delays, "doubling");
        now += 1000;
        runTurns();
        assertEquals(List.of(List.of("a"), List.of("b"), List.of("c")), handled);
        assertEquals(List.of("a", "a", "a", "a", "b", "c"), tried);
    }

    @Test
    void theRetryWait_isCapped_andStartsAgainAfterASuccess() {
        boolean[] failing = {true};
        QueueWorker<String> queue = worker().retryingAfter(250, 1_000).trying(batch -> !failing[0]);
        queue.offer("a");
        for (int i = 0; i < 5; i++) {
            runOneTurn();
        }
        assertEquals(List.of(0L, 250L, 500L, 1000L, 1000L, 1000L), delays);

        failing[0] = false;
        runOneTurn();
        failing[0] = true;
        queue.offer("b");
        runOneTurn();

        assertEquals(250L, delays.get(delays.size() - 1), "a new outage waits the first delay again");
    }

    @Test
    void aBatchWhoseWorkThrows_isDropped_andTheNextOneGoesOn() {
        QueueWorker<String> queue = worker().handling(batch -> {
            if (batch.contains("bad")) {
                throw new IllegalStateException("broken");
            }
            handled.add(batch);
        });
        queue.offer("bad");
        queue.offer("good");

        runTurns();

        assertEquals(List.of(List.of("good")), handled);
    }

    @Test
    void aFullQueue_refuses() {
        QueueWorker<String> queue = worker().capacity(2).handling(handled::add);

        assertTrue(queue.offer("a"));
        assertTrue(queue.offer("b"));
        assertFalse(queue.offer("c"));
        assertEquals(2, queue.backlog());
        runOneTurn();
        assertTrue(queue.offer("c"), "room again once a batch was taken");
    }

    @Test
    void aQueueWhoseOldestItemWaitedTooLong_refuses_untilItsWaitIsBackUnderTheBound() {
        QueueWorker<String> queue = worker().maxWaitMillis(500).batchesOf(1).handling(handled::add);

        assertTrue(queue.offer("a"));
        now += 400;
        assertTrue(queue.offer("b"), "a has waited 400 ms: within the bound");
        now += 101;
        assertFalse(queue.offer("c"), "a has waited 501 ms");
        assertEquals(2, queue.backlog(), "a refused item is not queued");
        runOneTurn();
        assertTrue(queue.offer("c"), "the oldest now is b, 101 ms");
        runTurns();
        assertEquals(List.of(List.of("a"), List.of("b"), List.of("c")), handled);
        now += 10_000;
        assertTrue(queue.offer("d"), "an empty queue takes an item however late");
    }

    @Test
    void withoutAWaitBound_onlyTheCountBounds() {
        QueueWorker<String> queue = worker().capacity(2).handling(handled::add);

        assertTrue(queue.offer("a"));
        now += 60_000;
        assertTrue(queue.offer("b"));
        assertFalse(queue.offer("c"));
    }

    @Test
    void stop_handsBackWhatWaits_refusesNewItems_andStartsNoTurn() {
        QueueWorker<String> queue = worker().handling(handled::add);
        queue.offer("a");
        queue.offer("b");

        assertEquals(List.of("a", "b"), queue.stop());
        assertFalse(queue.offer("c"));
        runTurns();
        assertTrue(handled.isEmpty());
    }

    @Test
    void aTurnTheExecutorRejects_isAskedForAgainByTheNextOffer() {
        boolean[] reject = {true};
        List<Runnable> accepted = new ArrayList<>();
        Executor executor = turn -> {
            if (reject[0]) {
                throw new RejectedExecutionException("shutting down");
            }
            accepted.add(turn);
        };
        QueueWorker<String> queue = QueueWorker.<String>named("test").runningOn(executor).handling(handled::add);

        assertTrue(queue.offer("a"), "queued, though no turn could start");
        reject[0] = false;
        queue.offer("b");
        assertEquals(1, accepted.size());
        while (!accepted.isEmpty()) {
            accepted.remove(0).run();
        }

        assertEquals(List.of(List.of("a"), List.of("b")), handled);
    }

    @Test
    void retrying_needsAWaitAndATurnRunnerThatCanWait() {
        assertThrows(IllegalStateException.class, () -> worker().trying(batch -> true));
        assertThrows(IllegalStateException.class, () -> QueueWorker.<String>named("test").retryingAfter(250, 5_000)
                .runningOn((Executor) Runnable::run).trying(batch -> true));
    }

    // ---------------------------------------------------------------- what reaches the log

    private static final String MARKER = "secret-body-7f3a";
    private final Logger logger = Logger.getLogger("io.chorus");
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void detach() {
        logger.removeHandler(capture);
    }

    /** An item whose toString, like a record's, shows its body. */
    private record Message(long id, String body) {
    }

    @Test
    void aFailingItem_isLoggedWithoutItsContent() {
        logger.addHandler(capture);
        QueueWorker<Message> queue = QueueWorker.<Message>named("test").runningOn((turn, delay) -> turns.add(turn))
                .describedBy(m -> "Message " + m.id()).handling(batch -> {
                    throw new IllegalStateException("cannot deliver");
                });
        queue.offer(new Message(42, "hello " + MARKER));

        runTurns();

        assertEquals(1, records.size());
        assertTrue(records.get(0).getMessage().contains("Message 42"), records.get(0).getMessage());
        LogAssertions.assertNoneContains(records, MARKER);
    }

    @Test
    void aFailingItem_byDefault_isLoggedByItsKindOnly() {
        logger.addHandler(capture);
        QueueWorker<Message> queue = QueueWorker.<Message>named("test").runningOn((turn, delay) -> turns.add(turn))
                .handling(batch -> {
                    throw new IllegalStateException("cannot deliver");
                });
        queue.offer(new Message(42, MARKER));

        runTurns();

        assertEquals(1, records.size());
        LogAssertions.assertNoneContains(records, MARKER);
    }
}
