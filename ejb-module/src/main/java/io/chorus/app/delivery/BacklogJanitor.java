package io.chorus.app.delivery;

import io.chorus.domain.message.DeliveryRepository;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds the backlogs (SPEC §5.5): each device keeps its newest {@code backlog-limit} pending
 * messages, and pending messages expire after {@code backlog-expiry-seconds}. Done on a timer, off
 * the send path; every node runs it, and the deletes are idempotent.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class BacklogJanitor {
    private static final Logger LOG = Logger.getLogger(BacklogJanitor.class.getName());

    @Resource
    TimerService timers;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    @ConfigProperty(name = "chorus.delivery.backlog-limit")
    int backlogLimit;

    @Inject
    @ConfigProperty(name = "chorus.delivery.backlog-expiry-seconds")
    long expirySeconds;

    @Inject
    @ConfigProperty(name = "chorus.delivery.cleanup-interval-seconds")
    long intervalSeconds;

    @PostConstruct
    void schedule() {
        long interval = Duration.ofSeconds(intervalSeconds).toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("backlog clean-up", false));
    }

    @Timeout
    void cleanUp() {
        int expired = deliveries.expireOlderThan(Instant.now().minusSeconds(expirySeconds));
        int trimmed = deliveries.trimBacklogs(backlogLimit);
        if (expired + trimmed > 0) {
            LOG.info(() -> "Backlog clean-up dropped " + expired + " expired and " + trimmed + " over-limit deliveries");
        }
    }
}
