package io.chorus.app.error;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Whether this node's database is known to be out of reach — a breaker, so that requests are
 * answered {@code unavailable} at once instead of each meeting the outage on its own connection.
 *
 * <p>A stopped PostgreSQL refuses connections and every request fails at once anyway; a network
 * partition refuses nothing: each query in flight waits for the driver's read timeout (10 s), each
 * new connection for its connect timeout, and requests meet the outage one after another — a client
 * waited 20 s for a send's answer (docs/RELIABILITY.md). So the first request that loses its
 * connection {@linkplain #codeOf reports it}; from then on {@link #check} refuses every request
 * that needs the database, and one probe at a time (a pooled connection's {@code isValid}, bounded)
 * asks whether the database answers again, at once and then every second. The first probe that
 * gets through closes the breaker. A single connection lost while the database is fine (a restarted
 * backend) costs at most the probe's round trip of quick refusals, which clients retry.
 */
@ApplicationScoped
public class DatabaseReach {
    private static final Logger LOG = Logger.getLogger(DatabaseReach.class.getName());
    static final long PROBE_INTERVAL_MILLIS = 1000;
    static final int PROBE_TIMEOUT_SECONDS = 2;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource database;

    @Resource
    ManagedScheduledExecutorService managedScheduler;

    /** The scheduler the probes run on, when not the container's. */
    private ScheduledExecutorService scheduler;

    private final AtomicBoolean unreachable = new AtomicBoolean();

    /** For CDI. */
    protected DatabaseReach() {
    }

    /** Outside a container (unit tests): probes {@code database} on {@code scheduler}. */
    public DatabaseReach(DataSource database, ScheduledExecutorService scheduler) {
        this.database = database;
        this.scheduler = scheduler;
    }

    /** Refuses with {@code unavailable} while the database is known to be out of reach. */
    public void check() {
        if (unreachable.get()) {
            throw new ChorusException(ErrorCode.UNAVAILABLE);
        }
    }

    public boolean reachable() {
        return !unreachable.get();
    }

    /**
     * What the failure means to a client ({@link Failures#codeOf}); a lost connection to the database
     * opens the breaker.
     */
    public ErrorCode codeOf(Throwable failure) {
        lostBy(failure);
        return Failures.codeOf(failure);
    }

    /** Whether the failure is a lost connection to the database ({@link Failures#connectionLost}); if so, the breaker opens. */
    public boolean lostBy(Throwable failure) {
        if (!Failures.connectionLost(failure)) {
            return false;
        }
        if (unreachable.compareAndSet(false, true)) {
            LOG.warning("Lost a connection to the database: answering 'unavailable' until a probe reaches it again");
            schedulerOf().execute(this::probe);
        }
        return true;
    }

    private void probe() {
        boolean reached;
        try (Connection connection = database.getConnection()) {
            reached = connection.isValid(PROBE_TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException failed) {
            reached = false;
        }
        if (reached) {
            unreachable.set(false);
            LOG.info("The database answers again");
        } else {
            schedulerOf().schedule(this::probe, PROBE_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private ScheduledExecutorService schedulerOf() {
        return scheduler != null ? scheduler : managedScheduler;
    }
}
