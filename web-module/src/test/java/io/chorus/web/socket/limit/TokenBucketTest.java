package io.chorus.web.socket.limit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final AtomicLong now = new AtomicLong();

    @Test
    void aFullBucket_allowsTheBurst_thenRefillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(2, 3, now::get);
        assertTrue(bucket.tryTake());
        assertTrue(bucket.tryTake());
        assertTrue(bucket.tryTake());
        assertFalse(bucket.tryTake(), "the burst is spent");
        now.addAndGet(499_000_000L);
        assertFalse(bucket.tryTake(), "not yet half a second at 2 per second");
        now.addAndGet(1_000_000L);
        assertTrue(bucket.tryTake());
        assertFalse(bucket.tryTake());
    }

    @Test
    void aLongPause_fillsNoMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(100, 2, now::get);
        bucket.tryTake();
        bucket.tryTake();
        now.addAndGet(60_000_000_000L);
        assertTrue(bucket.tryTake());
        assertTrue(bucket.tryTake());
        assertFalse(bucket.tryTake());
    }

    @Test
    void nonsenseSettings_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, now::get));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, now::get));
    }
}
