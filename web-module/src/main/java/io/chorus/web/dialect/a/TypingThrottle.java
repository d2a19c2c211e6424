package io.chorus.web.dialect.a;

import io.chorus.web.protocol.a.ChatType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * At most one typing notice per device and conversation per {@code chorus.typing.throttle-ms}: a
 * client that sends one per keystroke costs one event per interval, and the frames in between are
 * dropped here, before any query. A device has one socket, so per node is per device.
 */
@ApplicationScoped
class TypingThrottle {
    // Above this many remembered conversations, the ones whose interval is over are forgotten.
    private static final int PURGE_ABOVE = 10_000;

    @Inject
    @ConfigProperty(name = "chorus.typing.throttle-ms")
    long throttleMillis;

    private final ConcurrentMap<Key, Long> lastPassed = new ConcurrentHashMap<>();

    private record Key(long deviceId, ChatType type, String to) {
    }

    TypingThrottle() {
    }

    /** For the unit test. */
    TypingThrottle(long throttleMillis) {
        this.throttleMillis = throttleMillis;
    }

    boolean mayType(long deviceId, ChatType type, String to) {
        return mayType(deviceId, type, to, System.currentTimeMillis());
    }

    /** Whether this typing goes out at {@code nowMillis}; if it does, the next waits a whole interval. */
    boolean mayType(long deviceId, ChatType type, String to, long nowMillis) {
        if (lastPassed.size() > PURGE_ABOVE) {
            lastPassed.values().removeIf(passed -> nowMillis - passed >= throttleMillis);
        }
        boolean[] passes = {false};
        lastPassed.compute(new Key(deviceId, type, to), (key, last) -> {
            if (last == null || nowMillis - last >= throttleMillis) {
                passes[0] = true;
                return nowMillis;
            }
            return last;
        });
        return passes[0];
    }
}
