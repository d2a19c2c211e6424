package io.chorus.app.account;

import io.chorus.domain.account.LoginThrottleRepository.Window;
import io.chorus.domain.account.LoginThrottleRepository;
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
 * limit a log-in is refused before the password is checked, until the window ends; which limit
 * holds when is {@link LoginLimits}' decision.
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
        Map<String, Window> found = windows.find(pairKey(account, address), accountKey(account), addressKey(address));
        limits().check(found.get(pairKey(account, address)), found.get(addressKey(address)), found.get(accountKey(account)), now);
    }

    private LoginLimits limits() {
        return new LoginLimits(windowMillis(), maxPerPair, maxPerAddress, maxPerAccount, Duration.ofDays(knownAddressDays).toMillis());
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

    // Accounts and addresses are cut to 64 characters before counting (AccountRules.throttledAccount,
    // throttledAddress), so every key fits the 200-character column.
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
