package io.chorus.it.support;

import static io.chorus.it.support.Rest.obj;

import jakarta.json.JsonObject;
import java.util.UUID;

/** Makes fresh accounts and logins, so that every test owns its data. */
public final class Users {
    public static final String PASSWORD = "correct horse battery";

    private Users() {
    }

    public static String uniqueAccount(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    public static TestUser signup(Rest rest, String prefix) {
        String account = uniqueAccount(prefix);
        Rest.Reply reply = rest.post("/api/auth/signup", obj("account", account, "password", PASSWORD).toString());
        if (reply.status() != 201) {
            throw new AssertionError("signup failed: " + reply);
        }
        return new TestUser(account, reply.json().getString("uid"));
    }

    public static Login login(Rest rest, TestUser user, String did) {
        Rest.Reply reply = rest.post("/api/auth/login",
                obj("account", user.account(), "password", PASSWORD, "did", did, "cos", "linux", "dname", "test " + did).toString());
        if (reply.status() != 200) {
            throw new AssertionError("login failed: " + reply);
        }
        JsonObject body = reply.json();
        return new Login(user, did, body.getString("token"), body.getString("refreshtoken"));
    }

    public record TestUser(String account, String uid) {
    }

    public record Login(TestUser user, String did, String token, String refreshToken) {
        public String uid() {
            return user.uid();
        }
    }
}
