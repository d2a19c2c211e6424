package io.chorus.app.account;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.error.InputRules;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Rules for accounts and devices: the input rules (each failure names the field), and what a log-in,
 * a token and a user search are allowed to learn.
 */
public final class AccountRules {
    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9][a-z0-9._@-]{2,63}");
    private static final Pattern DID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private AccountRules() {
    }

    public static String account(String raw) {
        if (raw == null) {
            throw ChorusException.invalid("account is required");
        }
        String account = raw.strip().toLowerCase(Locale.ROOT);
        if (!ACCOUNT.matcher(account).matches()) {
            throw ChorusException.invalid("account must be 3-64 letters, digits or . _ @ - and start with a letter or digit");
        }
        return account;
    }

    static void password(String password) {
        if (password == null) {
            throw ChorusException.invalid("password is required");
        }
        if (password.length() < 8 || password.length() > 128) {
            throw ChorusException.invalid("password must be 8-128 characters");
        }
    }

    public static String nickname(String raw, String account) {
        if (raw == null || raw.isBlank()) {
            return account;
        }
        String nickname = raw.strip();
        if (nickname.length() > 64 || nickname.chars().anyMatch(Character::isISOControl)) {
            throw ChorusException.invalid("nickname must be at most 64 printable characters");
        }
        return nickname;
    }

    public static String did(String did) {
        if (did == null || !DID.matcher(did).matches()) {
            throw ChorusException.invalid("did must be 1-64 letters, digits or . _ : -");
        }
        return did;
    }

    public static void deviceInfo(String cos, String dname, String vsn) {
        limit("cos", cos, 32);
        limit("dname", dname, 128);
        limit("vsn", vsn, 32);
    }

    static String dname(String dname) {
        return limit("dname", dname, 128);
    }

    /**
     * The account a log-in names, as accounts are stored (trimmed, lower-case), or null. Not checked
     * against the account rule: a name that cannot exist is simply not found.
     */
    static String loginAccount(String raw) {
        return raw == null ? null : raw.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The account the log-in limits count: cut to 64 characters, because longer names cannot exist
     * but must still count against the same limits; no account counts as the empty name.
     */
    static String throttledAccount(String loginAccount) {
        return loginAccount == null ? "" : cut(loginAccount);
    }

    /** The client address the log-in limits count, cut to 64 characters; none is {@code unknown}. */
    static String throttledAddress(String address) {
        return address == null || address.isBlank() ? "unknown" : cut(address);
    }

    /**
     * After the password check. A wrong password, or an unknown account (which looks the same), is
     * {@code bad_credentials} whatever the account's state: only someone who knows the password
     * learns that the account is disabled ({@code account_disabled}). {@code enabled} is asked only
     * when the password matched.
     */
    static void checkSignIn(boolean passwordMatches, BooleanSupplier enabled) {
        if (!passwordMatches) {
            throw new ChorusException(ErrorCode.BAD_CREDENTIALS);
        }
        if (!enabled.getAsBoolean()) {
            throw new ChorusException(ErrorCode.ACCOUNT_DISABLED);
        }
    }

    /**
     * Whether a genuine token still speaks for its bearer: it names the device's current token
     * generation (a log-out or a new log-in on the device retires older tokens), the device's
     * {@code did} and its user, and that user is enabled. A device that is gone fails before this.
     */
    static boolean tokenIsCurrent(TokenSubject claimed, int deviceGeneration, String deviceDid, String devicePublicUid,
                                  boolean userEnabled) {
        return deviceGeneration == claimed.generation()
                && deviceDid.equals(claimed.did())
                && devicePublicUid.equals(claimed.publicUid())
                && userEnabled;
    }

    /**
     * A user search's account prefix (trimmed, lower-case): 3 to 64 characters, so the directory
     * cannot be listed wholesale.
     */
    static String searchPrefix(String query) {
        String prefix = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (prefix.length() < 3 || prefix.length() > 64) {
            throw ChorusException.invalid("q must be 3-64 characters of an account name");
        }
        return prefix;
    }

    private static String cut(String value) {
        return value.substring(0, Math.min(value.length(), 64));
    }

    private static String limit(String field, String value, int max) {
        return InputRules.printable(field, value, max);
    }
}
