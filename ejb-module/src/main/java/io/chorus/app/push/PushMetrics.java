package io.chorus.app.push;

import io.chorus.domain.cluster.NodeLeaseRepository.PushFigures;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every push attempt on this node, by provider and outcome; the web module exports them
 * ({@code chorus_push_attempts_total}), and the node reports them with its lease for the admin
 * figures, which sum them across the cluster.
 */
@ApplicationScoped
public class PushMetrics {
    public static final List<String> PROVIDERS = List.of("apns", "fcm", "webpush");

    private final Map<String, AtomicLong> attempts = new ConcurrentHashMap<>();

    public void attempted(String provider, PushOutcome outcome) {
        counter(provider, outcome).incrementAndGet();
    }

    public long attempts(String provider, PushOutcome outcome) {
        return counter(provider, outcome).get();
    }

    /** Cumulative since this node started, one entry per provider (zeros for one never used). */
    public List<PushFigures> totals() {
        return PROVIDERS.stream().map(provider -> new PushFigures(provider, attempts(provider, PushOutcome.SENT),
                attempts(provider, PushOutcome.DEAD), attempts(provider, PushOutcome.RETRY), attempts(provider, PushOutcome.FAILED)))
                .toList();
    }

    private AtomicLong counter(String provider, PushOutcome outcome) {
        return attempts.computeIfAbsent(provider + "/" + outcome.code(), key -> new AtomicLong());
    }
}
