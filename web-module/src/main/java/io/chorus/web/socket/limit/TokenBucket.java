package io.chorus.web.socket.limit;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code burst} tokens at most, refilled at {@code perSecond}; each permitted action
 * takes one. Thread-safe; the clock is injectable for tests.
 */
public final class TokenBucket {
    private final double tokensPerNano;
    private final double capacity;
    private final LongSupplier nanoClock;
    // Guarded by this.
    private double tokens;
    private long refilledAt;

    TokenBucket(double perSecond, int burst, LongSupplier nanoClock) {
        requireValid(perSecond, burst);
        this.tokensPerNano = perSecond / 1_000_000_000d;
        this.capacity = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.refilledAt = nanoClock.getAsLong();
    }

    static void requireValid(double perSecond, int burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a rate above 0 and a burst of at least 1");
        }
    }

    public synchronized boolean tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Whether the bucket is back to its burst: forgetting it then changes nothing. */
    synchronized boolean isFull() {
        refill();
        return tokens >= capacity;
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - refilledAt) * tokensPerNano);
        refilledAt = now;
    }
}
