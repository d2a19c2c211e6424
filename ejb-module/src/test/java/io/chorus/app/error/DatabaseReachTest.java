package io.chorus.app.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.resource.ResourceException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The breaker's rules, with a database whose answers the test decides and probes it runs by hand. */
class DatabaseReachTest {
    private static final SQLException CUT_OFF = new SQLException("An I/O error occurred while sending to the backend.", "08006");

    /** What the database does when probed: "throw", "invalid" or "valid". */
    private String database = "throw";
    private final List<Runnable> probes = new ArrayList<>();
    private final List<Long> probeDelays = new ArrayList<>();
    private final DatabaseReach reach = new DatabaseReach(dataSource(), new ManualScheduler());

    @Test
    void aLostConnection_refusesEverythingAtOnce_untilAProbeGetsThrough() {
        reach.check();

        assertEquals(ErrorCode.UNAVAILABLE, reach.codeOf(new IllegalStateException("commit failed", CUT_OFF)));

        assertFalse(reach.reachable());
        assertEquals(ErrorCode.UNAVAILABLE, assertThrows(ChorusException.class, reach::check).code());
        assertEquals(List.of(0L), probeDelays, "the first probe goes at once");

        runNextProbe();
        database = "invalid";
        runNextProbe();
        assertFalse(reach.reachable());
        assertEquals(List.of(0L, 1000L, 1000L), probeDelays, "then one a second while it fails");

        database = "valid";
        runNextProbe();
        assertTrue(reach.reachable());
        reach.check();
        assertEquals(3, probeDelays.size(), "no probe once reached");
    }

    @Test
    void moreLostConnectionsWhileOpen_startNoSecondProbe() {
        reach.lostBy(CUT_OFF);
        reach.lostBy(new SQLException("The connection attempt failed.", "08001"));

        assertEquals(1, probes.size());
    }

    @Test
    void aFullPoolOrABug_doesNotOpenTheBreaker() {
        assertEquals(ErrorCode.UNAVAILABLE, reach.codeOf(new ResourceException("No managed connections available")));
        assertEquals(ErrorCode.INTERNAL, reach.codeOf(new IllegalStateException("a bug")));

        assertTrue(reach.reachable());
        assertTrue(probes.isEmpty());
    }

    private void runNextProbe() {
        probes.remove(0).run();
    }

    private DataSource dataSource() {
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isValid" -> "valid".equals(database);
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (!"getConnection".equals(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if ("throw".equals(database)) {
                        throw new SQLException("The connection attempt failed.", "08001");
                    }
                    return connection;
                });
    }

    /** Keeps what is scheduled for the test to run. */
    private final class ManualScheduler extends ScheduledThreadPoolExecutor {
        ManualScheduler() {
            super(1);
        }

        @Override
        public void execute(Runnable command) {
            probes.add(command);
            probeDelays.add(0L);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            probes.add(command);
            probeDelays.add(unit.toMillis(delay));
            return null;
        }
    }
}
