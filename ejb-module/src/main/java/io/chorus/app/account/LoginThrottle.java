package io.chorus.app.account;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.domain.account.LoginThrottleRepository;
import io.chorus.domain.account.LoginThrottleRepository.Window;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows password guessing (SPEC §10) with three counts of failed log-ins, kept in the database so
 * that every node sees the same: per account and address, per address, and per account. Over a
 * limit a log-in is refused before the password is checked, until the window ends.
 *
 * <p>The per-account count alone would let anyone lock a user out by failing on purpose; so it
 * does not stop an address this account logged in from within {@code known-address-days}, and the
 * pair and address counts are what stop a single attacker.
 */
@Stateless
public class LoginThrottle {
    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());

    @Inject
    LoginThrottleRepository windows;

    @Inject
    @ConfigProperty(name = "chorus.login.window-seconds")
    long windowSeconds;

    @Inject
    @ConfigProperty(name = "chorus.login.max-failures-per-account-address")
    int maxPerPair;

    @Inject
    @ConfigProperty(name = "chorus.login.max-failures-per-account")
    int maxPerAccount;

    @Inject
    @ConfigProperty(name = "chorus.login.max-failures-per-address")
    int maxPerAddress;

    @Inject
    @ConfigProperty(name = "chorus.login.known-address-days")
    int knownAddressDays;

    /** Refuses with {@code too_many_attempts} if a limit holds for this account or address. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void check(String account, String address) {
        long now = Instant.now().toEpochMilli();
        long floor = now - windowMillis();
        Map<String, Window> found = windows.find(pairKey(account, address), accountKey(account), addressKey(address));
        Window pair = current(found.get(pairKey(account, address)), floor);
        Window perAddress = current(found.get(addressKey(address)), floor);
        Window perAccount = current(found.get(accountKey(account)), floor);
        boolean knownAddress = pair != null && pair.lastSuccess() > now - Duration.ofDays(knownAddressDays).toMillis();
        Window over = pair != null && pair.failures() >= maxPerPair ? pair
                : perAddress != null && perAddress.failures() >= maxPerAddress ? perAddress
                : perAccount != null && perAccount.failures() >= maxPerAccount && !knownAddress ? perAccount
                : null;
        if (over != null) {
            long retryAfter = Math.max(1, (over.windowStart() + windowMillis() - now + 999) / 1000);
            throw new ChorusException(ErrorCode.TOO_MANY_ATTEMPTS,
                    "Too many failed log-ins; try again in " + retryAfter + " s.", retryAfter);
        }
    }

    /** Counts a failed log-in; in its own transaction, because the log-in itself rolls back. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(String account, String address) {
        long now = Instant.now().toEpochMilli();
        long floor = now - windowMillis();
        windows.countFailure(pairKey(account, address), now, floor);
        windows.countFailure(accountKey(account), now, floor);
        windows.countFailure(addressKey(address), now, floor);
    }

    /** A successful log-in forgives the pair's failures and makes the address known to the account. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void succeeded(String account, String address) {
        windows.countSuccess(pairKey(account, address), Instant.now().toEpochMilli());
    }

    /** Every node purges; the delete is idempotent. */
    @Schedule(hour = "*", minute = "17", persistent = false)
    void purge() {
        long now = Instant.now().toEpochMilli();
        int purged = windows.purge(now - windowMillis(), now - Duration.ofDays(knownAddressDays).toMillis());
        if (purged > 0) {
            LOG.fine(() -> "Purged " + purged + " ended log-in windows");
        }
    }

    private long windowMillis() {
        return Duration.ofSeconds(windowSeconds).toMillis();
    }

    /** A window that ended counts nothing, though it may still remember a success. */
    private static Window current(Window window, long floor) {
        if (window == null) {
            return null;
        }
        return window.windowStart() < floor ? new Window(0, window.windowStart(), window.lastSuccess()) : window;
    }

    // Accounts are at most 64 characters (longer ones are refused before counting) and addresses
    // at most 45 (IPv6), so every key fits the 200-character column.
    private static String pairKey(String account, String address) {
        return "p:" + account + "|" + address;
    }

    private static String accountKey(String account) {
        return "a:" + account;
    }

    private static String addressKey(String address) {
        return "i:" + address;
    }
}
