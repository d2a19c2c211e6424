package io.chorus.web.ops;

import io.chorus.app.metrics.NodeMetrics;
import io.chorus.app.push.PushMetrics;
import io.chorus.app.push.PushOutcome;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.ToDoubleFunction;

/**
 * This node's {@link NodeMetrics} and JVM figures in a Micrometer Prometheus registry of the
 * application's own, served by {@link MetricsServlet} at {@code /metrics}. Its own registry, not the
 * server's: the same metrics on any server the EAR runs on.
 */
@ApplicationScoped
public class MetricsExport {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Inject
    NodeMetrics metrics;

    @Inject
    PushMetrics pushMetrics;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        counter("chorus.sends", "Messages stored by this node (first sends, not retries)", m -> m.totals().sends());
        counter("chorus.deliveries", "Messages and stored notices put on a device's socket, resends not counted",
                m -> m.totals().deliveries());
        counter("chorus.acks", "Device acknowledgements settled", m -> m.totals().acks());
        counter("chorus.resends", "Frames resent for want of an acknowledgement", m -> m.totals().resends());
        counter("chorus.events.dropped", "Cluster events dropped because a lane was full; their messages wait in backlogs",
                NodeMetrics::droppedEvents);
        counter("chorus.sends.busy", "Sends refused with server_busy because too many sends waited to be stored",
                NodeMetrics::busySends);
        counter("chorus.send.batches.split", "Group commits of sends that failed as a whole and were stored one send at a time",
                NodeMetrics::splitBatches);
        counter("chorus.delivery.swept", "Copies the delivery sweep sent to connected devices because their event was lost",
                NodeMetrics::swept);
        Gauge.builder("chorus.connections", metrics, m -> m.totals().connections())
                .description("Open authenticated sockets on this node, both dialects").register(registry);
        Timer latency = Timer.builder("chorus.delivery.latency")
                .description("From a message's commit to its frame being queued for a connected recipient device")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        metrics.observeLatencyWith(millis -> latency.record(Duration.ofMillis(millis)));
        Timer sweeps = Timer.builder("chorus.delivery.sweep")
                .description("One delivery sweep of this node: the pending-heads query and the fills it caused").register(registry);
        metrics.observeSweepsWith(micros -> sweeps.record(Duration.ofNanos(micros * 1_000)));
        for (String provider : PushMetrics.PROVIDERS) {
            for (PushOutcome outcome : PushOutcome.values()) {
                FunctionCounter.builder("chorus.push.attempts", pushMetrics, m -> m.attempts(provider, outcome))
                        .description("Push attempts by provider and outcome (docs/PUSH.md)")
                        .tags("provider", provider, "outcome", outcome.code()).register(registry);
            }
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    /** The Prometheus text exposition of every meter. */
    String scrape() {
        return registry.scrape();
    }

    private void counter(String name, String description, ToDoubleFunction<NodeMetrics> value) {
        FunctionCounter.builder(name, metrics, value).description(description).register(registry);
    }
}
