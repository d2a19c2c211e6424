package io.chorus.app.message;

import io.chorus.app.error.Failures;
import io.chorus.app.message.MessageViews.SendReceipt;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The outcome of a send whose transaction failed with the database connection. Such a failure may
 * come after PostgreSQL committed (it stopped or the connection broke between the commit and its
 * reply), so "not stored, send again" would be a lie a client turns into a duplicate when it cannot
 * resend with the same id (a JIM client's id is temporary). The send's own wire id says what
 * happened once the database answers again: stored (its receipt) or not (empty). Until then it is
 * asked again every {@link #RETRY_MILLIS}, for at most {@link #PATIENCE_MILLIS}; after that the
 * outcome stays unknown ({@link OutcomeUnknown}) and the client learns nothing rather than
 * something false.
 */
@ApplicationScoped
public class SendOutcomes {
    static final long RETRY_MILLIS = 1_000;
    static final long PATIENCE_MILLIS = 120_000;

    @Inject
    MessageService messages;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** The database stayed out of reach for the whole patience: nobody can tell the client. */
    public static final class OutcomeUnknown extends RuntimeException {
        OutcomeUnknown(String wireId, Throwable last) {
            super("The outcome of send " + wireId + " is unknown: the database stayed out of reach", last);
        }
    }

    /**
     * The receipt of the sender's message {@code wireId} if its transaction committed, empty if it
     * did not; completes exceptionally with {@link OutcomeUnknown} if the database stays away, or
     * with the failure if asking fails for another reason.
     */
    public CompletableFuture<Optional<SendReceipt>> outcomeOf(long senderId, String wireId) {
        return outcomeOf(() -> messages.receiptOf(senderId, wireId), wireId, scheduler, RETRY_MILLIS,
                System.currentTimeMillis() + PATIENCE_MILLIS);
    }

    /** Package-private for the unit test, which brings its own lookup and scheduler. */
    static CompletableFuture<Optional<SendReceipt>> outcomeOf(Supplier<Optional<SendReceipt>> lookup, String wireId,
                                                              ScheduledExecutorService scheduler, long retryMillis, long giveUpAt) {
        CompletableFuture<Optional<SendReceipt>> outcome = new CompletableFuture<>();
        scheduler.execute(() -> ask(lookup, wireId, scheduler, retryMillis, giveUpAt, outcome));
        return outcome;
    }

    private static void ask(Supplier<Optional<SendReceipt>> lookup, String wireId, ScheduledExecutorService scheduler,
                            long retryMillis, long giveUpAt, CompletableFuture<Optional<SendReceipt>> outcome) {
        try {
            outcome.complete(lookup.get());
        } catch (RuntimeException failure) {
            if (!Failures.databaseUnreachable(failure)) {
                outcome.completeExceptionally(failure);
            } else if (System.currentTimeMillis() + retryMillis > giveUpAt) {
                outcome.completeExceptionally(new OutcomeUnknown(wireId, failure));
            } else {
                scheduler.schedule(() -> ask(lookup, wireId, scheduler, retryMillis, giveUpAt, outcome), retryMillis,
                        TimeUnit.MILLISECONDS);
            }
        }
    }
}
