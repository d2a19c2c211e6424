package io.chorus.web.socket.limit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One {@link TokenBucket} per key (a client address, a device), made on first use. Buckets that
 * have refilled completely are forgotten now and then, so the map holds only keys that were busy
 * lately: a forgotten bucket and a new one are the same.
 */
final class KeyedBuckets<K> {
    private static final long SWEEP_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final ConcurrentHashMap<K, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final double perSecond;
    private final int burst;
    private final LongSupplier nanoClock;
    private final AtomicLong nextSweep;

    KeyedBuckets(double perSecond, int burst, LongSupplier nanoClock) {
        TokenBucket.requireValid(perSecond, burst); // at start-up, not at the first key
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.nextSweep = new AtomicLong(nanoClock.getAsLong() + SWEEP_INTERVAL_NANOS);
    }

    /** The key's bucket, shared by every caller with that key. */
    TokenBucket bucket(K key) {
        sweepIfDue();
        return buckets.computeIfAbsent(key, k -> new TokenBucket(perSecond, burst, nanoClock));
    }

    boolean tryTake(K key) {
        return bucket(key).tryTake();
    }

    int size() {
        return buckets.size();
    }

    private void sweepIfDue() {
        long now = nanoClock.getAsLong();
        long due = nextSweep.get();
        if (now - due >= 0 && nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_NANOS)) {
            buckets.values().removeIf(TokenBucket::isFull);
        }
    }
}
