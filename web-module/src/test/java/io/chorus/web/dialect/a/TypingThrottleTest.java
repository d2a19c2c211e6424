package io.chorus.web.dialect.a;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.web.protocol.a.ChatType;
import org.junit.jupiter.api.Test;

class TypingThrottleTest {
    private final TypingThrottle throttle = new TypingThrottle(3_000);

    @Test
    void mayType_aFlood_passesOncePerInterval() {
        assertTrue(throttle.mayType(1, ChatType.C2C, "bob", 10_000));
        for (long t = 10_001; t < 13_000; t += 100) {
            assertFalse(throttle.mayType(1, ChatType.C2C, "bob", t), "at " + t);
        }
        assertTrue(throttle.mayType(1, ChatType.C2C, "bob", 13_000));
        assertFalse(throttle.mayType(1, ChatType.C2C, "bob", 13_001));
    }

    @Test
    void mayType_isPerDeviceAndConversation() {
        assertTrue(throttle.mayType(1, ChatType.C2C, "bob", 10_000));
        assertTrue(throttle.mayType(2, ChatType.C2C, "bob", 10_000), "another device");
        assertTrue(throttle.mayType(1, ChatType.C2C, "carol", 10_000), "another peer");
        assertTrue(throttle.mayType(1, ChatType.C2G, "bob", 10_000), "a group of that id");
    }

    @Test
    void mayType_droppedFramesDoNotExtendTheInterval() {
        assertTrue(throttle.mayType(1, ChatType.C2G, "g1", 0));
        assertFalse(throttle.mayType(1, ChatType.C2G, "g1", 2_999));
        assertTrue(throttle.mayType(1, ChatType.C2G, "g1", 3_000));
    }
}
