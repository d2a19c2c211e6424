package io.chorus.app.error;

import jakarta.resource.ResourceException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What an unexpected failure means to a client, decided in one place for every edge (REST, both
 * dialects): the database out of reach is {@link ErrorCode#UNAVAILABLE} — nothing was stored, send
 * again — and anything else is {@link ErrorCode#INTERNAL}, a bug to log.
 */
public final class Failures {
    /** PostgreSQL's SQLState for a statement it cancelled: here, past the pool's statement_timeout. */
    private static final String QUERY_CANCELED = "57014";

    private Failures() {
    }

    /** The error to answer for a failure that is not a {@link ChorusException}. */
    public static ErrorCode codeOf(Throwable failure) {
        return databaseUnreachable(failure) ? ErrorCode.UNAVAILABLE : ErrorCode.INTERNAL;
    }

    /**
     * Whether the failure, anywhere in its causes (suppressed ones too), is a connection to the
     * database that could not be made or broke: the pool found none ({@code ResourceException}), the driver could not connect
     * or lost the connection (SQLState class 08), or the server is shutting down or starting
     * (57P01–57P03); or it cancelled a statement that ran past the pool's {@code statement_timeout}
     * (57014: a lock held elsewhere, a database too slow to answer in time; it answers again, so no
     * breaker); or the commit's outcome is unknown (a heuristic outcome: the database is the
     * transaction's only resource, so its one-phase commit failed in doubt — cut off mid-commit).
     * Unavailable is the honest answer then: a retry with the same id finds the message if it was
     * stored ({@code SendOutcomes} asks for JIM sends, which have no such retry).
     */
    public static boolean databaseUnreachable(Throwable failure) {
        return connectionLost(failure) || anyCause(failure, cause -> cause instanceof ResourceException
                || cause instanceof HeuristicMixedException || cause instanceof HeuristicRollbackException
                || sqlState(cause).startsWith("57P0") || sqlState(cause).equals(QUERY_CANCELED));
    }

    /**
     * Whether the failure, anywhere in its causes, is a connection to the database that could not be
     * made or broke (SQLState class 08, a refused socket) — what {@link DatabaseReach} takes for the
     * database out of reach. A pool with no free connection is not: that is load, not reach.
     */
    public static boolean connectionLost(Throwable failure) {
        return anyCause(failure, cause -> cause instanceof ConnectException
                || cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                || sqlState(cause).startsWith("08"));
    }

    /**
     * Whether the failure or anything behind it passes the test: its causes, and their suppressed
     * exceptions too. A commit that fails is reported that way: Narayana's {@code RollbackException}
     * has no cause, and what broke (IronJacamar's commit of the connection, the driver's error) is
     * added to it as suppressed. Walking causes only answered such a commit {@code internal} and
     * kept it from the in-doubt path of JIM sends (a long ChaosIT run, docs/RELIABILITY.md).
     */
    private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> behind = new ArrayDeque<>();
        if (failure != null) {
            behind.push(failure);
        }
        while (!behind.isEmpty()) {
            Throwable cause = behind.pop();
            if (!seen.add(cause)) {
                continue;
            }
            if (test.test(cause)) {
                return true;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                behind.push(suppressed);
            }
            if (cause.getCause() != null) {
                behind.push(cause.getCause());
            }
        }
        return false;
    }

    private static String sqlState(Throwable cause) {
        return cause instanceof SQLException sql && sql.getSQLState() != null ? sql.getSQLState() : "";
    }
}
