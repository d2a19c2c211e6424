package io.chorus.app.account;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.domain.account.LoginThrottleRepository.Window;

/**
 * When failed log-ins stop an account or address (SPEC §10; {@link LoginThrottle} keeps the
 * counts). Three windows count failures: per account and address (the pair), per address, per
 * account. A window older than {@code windowMillis} counts nothing. Checked in that order, the
 * first over its bound refuses, and the refusal lasts until that window ends.
 *
 * <p>The per-account bound alone would let anyone lock a user out by failing on purpose; so it
 * does not stop an address the account logged in from within {@code knownAddressMillis}, while the
 * pair and address bounds still stop a single attacker there.
 */
record LoginLimits(long windowMillis, int maxPerPair, int maxPerAddress, int maxPerAccount, long knownAddressMillis) {

    /** Refuses with {@code too_many_attempts} and the seconds until the window ends (at least 1). */
    void check(Window pair, Window perAddress, Window perAccount, long now) {
        long floor = now - windowMillis;
        Window pairNow = current(pair, floor);
        Window addressNow = current(perAddress, floor);
        Window accountNow = current(perAccount, floor);
        boolean knownAddress = pairNow != null && pairNow.lastSuccess() > now - knownAddressMillis;
        Window over = pairNow != null && pairNow.failures() >= maxPerPair ? pairNow
                : addressNow != null && addressNow.failures() >= maxPerAddress ? addressNow
                : accountNow != null && accountNow.failures() >= maxPerAccount && !knownAddress ? accountNow
                : null;
        if (over != null) {
            long retryAfter = Math.max(1, (over.windowStart() + windowMillis - now + 999) / 1000);
            throw new ChorusException(ErrorCode.TOO_MANY_ATTEMPTS,
                    "Too many failed log-ins; try again in " + retryAfter + " s.", retryAfter);
        }
    }

    /** A window that ended counts nothing, though it may still remember a success. */
    private static Window current(Window window, long floor) {
        if (window == null) {
            return null;
        }
        return window.windowStart() < floor ? new Window(0, window.windowStart(), window.lastSuccess()) : window;
    }
}
