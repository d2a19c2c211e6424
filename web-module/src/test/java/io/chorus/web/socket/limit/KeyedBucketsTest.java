package io.chorus.web.socket.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KeyedBucketsTest {
    private final AtomicLong now = new AtomicLong();

    @Test
    void eachKey_hasItsOwnBudget_sharedByAllItsCallers() {
        KeyedBuckets<String> buckets = new KeyedBuckets<>(0.001, 2, now::get);
        assertTrue(buckets.tryTake("10.0.0.1"));
        assertTrue(buckets.tryTake("10.0.0.1"));
        assertFalse(buckets.tryTake("10.0.0.1"));
        assertTrue(buckets.tryTake("10.0.0.2"), "another key is untouched");
        assertSame(buckets.bucket("10.0.0.1"), buckets.bucket("10.0.0.1"));
    }

    @Test
    void bucketsThatRefilled_areForgotten_busyOnesAreKept() {
        KeyedBuckets<String> buckets = new KeyedBuckets<>(0.01, 5, now::get);
        buckets.tryTake("quiet");
        buckets.tryTake("busy");
        now.addAndGet(TimeUnit.SECONDS.toNanos(61)); // quiet is full again after 100 s, not yet
        buckets.tryTake("busy");
        assertEquals(2, buckets.size(), "the first sweep forgot nothing");
        now.addAndGet(TimeUnit.SECONDS.toNanos(61)); // quiet refilled; busy (two taken) has not
        buckets.bucket("busy");
        assertEquals(1, buckets.size(), "the second sweep forgot the quiet key only");
    }

    @Test
    void aSweptKey_startsWithAFullBudget_asIfItWasNeverForgotten() {
        KeyedBuckets<Long> buckets = new KeyedBuckets<>(1, 2, now::get);
        buckets.tryTake(7L);
        buckets.tryTake(7L);
        assertFalse(buckets.tryTake(7L));
        now.addAndGet(TimeUnit.SECONDS.toNanos(120));
        assertTrue(buckets.tryTake(7L));
        assertTrue(buckets.tryTake(7L));
        assertFalse(buckets.tryTake(7L));
    }
}
