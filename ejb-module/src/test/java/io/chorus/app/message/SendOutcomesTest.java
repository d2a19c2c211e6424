package io.chorus.app.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chorus.app.message.MessageViews.SendReceipt;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SendOutcomesTest {
    private static final SendReceipt STORED = new SendReceipt("cdsgrbgppoodp0gvpb60", 1_763_890_000_456L, 42, 1001);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger asked = new AtomicInteger();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /** The database is away for the first {@code awayFor} questions, then answers {@code answer}. */
    private Supplier<Optional<SendReceipt>> databaseAwayFor(int awayFor, Optional<SendReceipt> answer) {
        return () -> {
            if (asked.incrementAndGet() <= awayFor) {
                throw new PersistenceException(new SQLException("terminating connection due to administrator command", "57P01"));
            }
            return answer;
        };
    }

    private Optional<SendReceipt> outcome(Supplier<Optional<SendReceipt>> lookup, long patienceMillis) throws Exception {
        return SendOutcomes.outcomeOf(lookup, "cdsgrbgppoodp0gvpb60", scheduler, 5, System.currentTimeMillis() + patienceMillis)
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void aCommitThatHappened_isFoundOnceTheDatabaseAnswers_andAnsweredWithItsReceipt() throws Exception {
        assertEquals(Optional.of(STORED), outcome(databaseAwayFor(3, Optional.of(STORED)), 5_000));
        assertEquals(4, asked.get());
    }

    @Test
    void aCommitThatDidNotHappen_isNotStored() throws Exception {
        assertEquals(Optional.empty(), outcome(databaseAwayFor(2, Optional.empty()), 5_000));
        assertEquals(3, asked.get());
    }

    @Test
    void theDatabaseAwayPastThePatience_leavesTheOutcomeUnknown_neverNotStored() {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> outcome(databaseAwayFor(Integer.MAX_VALUE, Optional.empty()), 50));
        assertInstanceOf(SendOutcomes.OutcomeUnknown.class, failed.getCause());
    }

    @Test
    void aFailureThatIsNotTheDatabaseAway_isNotAskedAgain() {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> outcome(() -> {
            asked.incrementAndGet();
            throw new IllegalStateException("a bug");
        }, 5_000));
        assertInstanceOf(IllegalStateException.class, failed.getCause());
        assertEquals(1, asked.get());
    }
}
