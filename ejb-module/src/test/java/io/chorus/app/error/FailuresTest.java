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
    void aCommitWhoseOutcomeIsUnknown_isUnavailable() {
        // ChaosIT, PostgreSQL cut off by a partition mid-commit: the transaction manager cannot tell.
        assertEquals(ErrorCode.UNAVAILABLE, Failures.codeOf(new EJBException(new HeuristicMixedException())));
        assertEquals(ErrorCode.UNAVAILABLE, Failures.codeOf(new EJBException(new HeuristicRollbackException())));
    }

    @Test
    void anyOtherFailure_isInternal() {
        assertEquals(ErrorCode.INTERNAL, Failures.codeOf(new IllegalStateException("a bug")));
        assertEquals(ErrorCode.INTERNAL, Failures.codeOf(new PersistenceException(new SQLException("duplicate key", "23505"))));
        assertEquals(ErrorCode.INTERNAL, Failures.codeOf(new SQLException("no state")));
    }
}
