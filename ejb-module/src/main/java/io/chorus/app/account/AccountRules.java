package io.chorus.app.account;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.InputRules;
import java.util.Locale;
import java.util.regex.Pattern;

/** Input rules for accounts and devices; each failure names the field. */
final class AccountRules {
    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9][a-z0-9._@-]{2,63}");
    private static final Pattern DID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private AccountRules() {
    }

    static String account(String raw) {
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

    static String nickname(String raw, String account) {
        if (raw == null || raw.isBlank()) {
            return account;
        }
        String nickname = raw.strip();
        if (nickname.length() > 64 || nickname.chars().anyMatch(Character::isISOControl)) {
            throw ChorusException.invalid("nickname must be at most 64 printable characters");
        }
        return nickname;
    }

    static String did(String did) {
        if (did == null || !DID.matcher(did).matches()) {
            throw ChorusException.invalid("did must be 1-64 letters, digits or . _ : -");
        }
        return did;
    }

    static void deviceInfo(String cos, String dname, String vsn) {
        limit("cos", cos, 32);
        limit("dname", dname, 128);
        limit("vsn", vsn, 32);
    }

    static String dname(String dname) {
        return limit("dname", dname, 128);
    }

    private static String limit(String field, String value, int max) {
        return InputRules.printable(field, value, max);
    }
}
