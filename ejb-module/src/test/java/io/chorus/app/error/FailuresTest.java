package io.chorus.app.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import jakarta.resource.ResourceException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void theDatabaseOutOfReach_isUnavailable_howeverDeepTheCause() {
        // As WildFly wraps them: the pool could not connect, the driver lost its connection, the server is going down.
        assertEquals(ErrorCode.UNAVAILABLE, Failures.codeOf(new EJBException(new PersistenceException(
                new ResourceException("IJ000453: Unable to get managed connection", new ConnectException("Connection refused"))))));
        assertEquals(ErrorCode.UNAVAILABLE, Failures.codeOf(new PersistenceException(new SQLException("An I/O error occurred", "08006"))));
        assertEquals(ErrorCode.UNAVAILABLE, Failures.codeOf(new SQLException("terminating connection due to administrator command", "57P01")));
    }

    @Test
    void aStatementPostgresqlCancelledAtItsTimeout_isUnavailable_butNotALostConnection() {
        // The pool's statement_timeout (configure-wildfly.cli): the database answers, it was too slow this time.
        SQLException cancelled = new SQLException("ERROR: canceling statement due to statement timeout", "57014");
        assertEquals(ErrorCode.UNAVAILABLE, Failures.codeOf(new EJBException(new PersistenceException(cancelled))));
        assertEquals(false, Failures.connectionLost(new EJBException(new PersistenceException(cancelled))));
        assertEquals(ErrorCode.INTERNAL, Failures.codeOf(new SQLException("ERROR: division by zero", "22012")));
    }

    @Test
    void aCommitWhoseOutcomeIsUnknown_isUnavailable() {
        // ChaosIT, PostgreSQL cut off by a partition mid-commit: the transaction manager cannot tell.
        assertEquals(ErrorCode.UNAVAILABLE, Failures.codeOf(new EJBException(new HeuristicMixedException())));
        assertEquals(ErrorCode.UNAVAILABLE, Failures.codeOf(new EJBException(new HeuristicRollbackException())));
    }

    @Test
    void aCommitThatLostItsConnection_isUnavailable_thoughWhatBrokeIsOnlySuppressed() {
        // As WildFly reports it (ChaosIT's long run, PostgreSQL restarted mid-commit): the rollback
        // has no cause; IronJacamar's failed commit and the driver's error are suppressed behind it.
        Exception committing = new Exception("IJ001156: Could not commit local transaction",
                new ResourceException("SQLException", new SQLException("terminating connection due to administrator command", "57P01")));
        Exception rolledBack = new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit transaction.");
        rolledBack.addSuppressed(committing);
        EJBException failure = new EJBException(rolledBack);

        assertEquals(ErrorCode.UNAVAILABLE, Failures.codeOf(failure));
        assertEquals(true, Failures.databaseUnreachable(failure));
    }

    @Test
    void aConnectionLostBehindASuppressedException_isALostConnection() {
        Exception rolledBack = new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit transaction.");
        rolledBack.addSuppressed(new ResourceException("SQLException", new SQLException("An I/O error occurred", "08006")));

        assertEquals(true, Failures.connectionLost(new EJBException(rolledBack)));
        assertEquals(false, Failures.connectionLost(new EJBException(new jakarta.transaction.RollbackException("rolled back"))));
    }

    @Test
    void aFailureThatIsItsOwnCause_endsTheWalk() {
        Exception looping = new Exception("looping");
        Exception other = new Exception("other", looping);
        looping.initCause(other);
        other.addSuppressed(looping);

        assertEquals(ErrorCode.INTERNAL, Failures.codeOf(looping));
    }

    @Test
    void anyOtherFailure_isInternal() {
        assertEquals(ErrorCode.INTERNAL, Failures.codeOf(new IllegalStateException("a bug")));
        assertEquals(ErrorCode.INTERNAL, Failures.codeOf(new PersistenceException(new SQLException("duplicate key", "23505"))));
        assertEquals(ErrorCode.INTERNAL, Failures.codeOf(new SQLException("no state")));
    }
}
