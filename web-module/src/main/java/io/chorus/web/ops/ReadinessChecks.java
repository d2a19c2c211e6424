package io.chorus.web.ops;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * Whether this node can serve: it reaches its database and its broker, and it has warmed up
 * ({@link Warmup}: at once when the warm-up is off). Each probe is bounded, because a broker that is
 * away makes a connection attempt wait for the reconnect policy, and a health check must answer.
 */
@ApplicationScoped
public class ReadinessChecks {
    static final long TIMEOUT_SECONDS = 3;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource database;

    /** The platform default (Jakarta EE 7+), so the probe names no server: WildFly and Payara bind it. */
    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory broker;

    @Resource
    ManagedExecutorService executor;

    @Inject
    Warmup warmup;

    /** One probe's outcome; {@code error} names the failure's kind, never its details. */
    public record Check(String name, boolean up, String error) {
    }

    public List<Check> run() {
        return List.of(
                bounded("database", () -> {
                    try (Connection connection = database.getConnection()) {
                        return connection.isValid((int) TIMEOUT_SECONDS);
                    }
                }),
                bounded("broker", () -> {
                    try (JMSContext context = broker.createContext()) {
                        context.createProducer();
                        return true;
                    }
                }),
                // Not a probe: the warm-up's own state, so it needs no bound.
                warmup.warm() ? new Check("warm-up", true, null) : new Check("warm-up", false, "warming up"));
    }

    private Check bounded(String name, Callable<Boolean> probe) {
        Future<Boolean> result = executor.submit(probe);
        try {
            return result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS) ? new Check(name, true, null) : new Check(name, false, "invalid");
        } catch (TimeoutException slow) {
            result.cancel(true);
            return new Check(name, false, "no answer within " + TIMEOUT_SECONDS + " s");
        } catch (ExecutionException failed) {
            return new Check(name, false, failed.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Check(name, false, "interrupted");
        }
    }
}
