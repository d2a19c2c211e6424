package io.chorus.it.support;

import java.util.UUID;

/**
 * What a test account is: its records, the one password every test account has, and unique
 * account names. {@link People} makes the accounts and logins.
 */
public final class Users {
    public static final String PASSWORD = "correct horse battery";

    private Users() {
    }

    public static String uniqueAccount(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** Logins whose tokens were revoked, one per way: a device logged out, a device removed, a user disabled. */
    public record Revoked(Login loggedOut, Login deviceRemoved, Login userDisabled) {
    }

    public record TestUser(String account, String uid) {
    }

    public record Login(TestUser user, String did, String token, String refreshToken) {
        public String uid() {
            return user.uid();
        }
    }
}
