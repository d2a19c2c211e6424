package io.chorus.app.account;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.domain.account.LoginThrottleRepository.Window;
import org.junit.jupiter.api.Test;

class LoginLimitsTest {
    private static final long WINDOW = 900_000;
    private static final long KNOWN = 30L * 24 * 3600 * 1000;
    private static final LoginLimits LIMITS = new LoginLimits(WINDOW, 10, 200, 50, KNOWN);
    private static final long NOW = 100_000_000_000L;
    /** A window that began a minute ago: 840 s of it are left. */
    private static final long STARTED = NOW - 60_000;

    private static Window failures(int count, long start) {
        return new Window(count, start, 0);
    }

    private static ChorusException refused(Window pair, Window perAddress, Window perAccount) {
        return assertThrows(ChorusException.class, () -> LIMITS.check(pair, perAddress, perAccount, NOW));
    }

    @Test
    void login_withNoFailuresCounted_passes() {
        assertDoesNotThrow(() -> LIMITS.check(null, null, null, NOW));
    }

    @Test
    void login_belowEveryBound_passes() {
        assertDoesNotThrow(() -> LIMITS.check(failures(9, STARTED), failures(199, STARTED), failures(49, STARTED), NOW));
    }

    @Test
    void login_atThePairBound_isTooManyAttempts_untilTheWindowEnds() {
        ChorusException refused = refused(failures(10, STARTED), null, null);
        assertEquals(ErrorCode.TOO_MANY_ATTEMPTS, refused.code());
        assertEquals(840, refused.retryAfterSeconds());
        assertEquals("Too many failed log-ins; try again in 840 s.", refused.getMessage());
    }

    @Test
    void login_atTheAddressBound_isTooManyAttempts() {
        assertEquals(ErrorCode.TOO_MANY_ATTEMPTS, refused(null, failures(200, STARTED), null).code());
    }

    @Test
    void login_atTheAccountBound_fromAnUnknownAddress_isTooManyAttempts() {
        assertEquals(ErrorCode.TOO_MANY_ATTEMPTS, refused(null, null, failures(50, STARTED)).code());
    }

    @Test
    void login_atTheAccountBound_fromAnAddressTheAccountLoggedInFromLately_passes() {
        Window knownPair = new Window(0, STARTED, NOW - KNOWN + 1);
        assertDoesNotThrow(() -> LIMITS.check(knownPair, null, failures(50, STARTED), NOW));
    }

    @Test
    void login_atTheAccountBound_fromAnAddressLastSuccessfulTooLongAgo_isTooManyAttempts() {
        Window stalePair = new Window(0, STARTED, NOW - KNOWN);
        assertEquals(ErrorCode.TOO_MANY_ATTEMPTS, refused(stalePair, null, failures(50, STARTED)).code());
    }

    @Test
    void login_fromAKnownAddress_isStillStoppedByThePairAndAddressBounds() {
        assertEquals(ErrorCode.TOO_MANY_ATTEMPTS, refused(new Window(10, STARTED, NOW - 1), null, null).code());
        assertEquals(ErrorCode.TOO_MANY_ATTEMPTS, refused(new Window(0, STARTED, NOW - 1), failures(200, STARTED), null).code());
    }

    @Test
    void login_knownAddress_isRememberedAfterThePairsWindowEnded() {
        Window endedPair = new Window(3, NOW - WINDOW - 1, NOW - 1);
        assertDoesNotThrow(() -> LIMITS.check(endedPair, null, failures(50, STARTED), NOW));
    }

    @Test
    void login_afterTheWindowEnded_countsNothing() {
        long ended = NOW - WINDOW - 1;
        assertDoesNotThrow(() -> LIMITS.check(failures(99, ended), failures(999, ended), failures(999, ended), NOW));
    }

    @Test
    void login_inTheWindowsLastMillisecond_stillCounts() {
        assertEquals(1, refused(failures(10, NOW - WINDOW), null, null).retryAfterSeconds(), "at least one second");
    }

    @Test
    void login_overSeveralBounds_waitsForThePairsWindow_first() {
        ChorusException refused = refused(failures(10, NOW - 1_000), failures(200, STARTED), failures(50, STARTED));
        assertEquals(WINDOW / 1000 - 1, refused.retryAfterSeconds());
    }

    @Test
    void login_overTheAddressAndAccountBounds_waitsForTheAddressWindow() {
        ChorusException refused = refused(null, failures(200, NOW - 1_000), failures(50, STARTED));
        assertEquals(WINDOW / 1000 - 1, refused.retryAfterSeconds());
    }

    @Test
    void retryAfter_isRoundedUpToWholeSeconds() {
        assertEquals(840, refused(failures(10, STARTED - 1), null, null).retryAfterSeconds(), "839.999 s");
        assertEquals(841, refused(failures(10, STARTED + 1), null, null).retryAfterSeconds(), "840.001 s");
    }
}
