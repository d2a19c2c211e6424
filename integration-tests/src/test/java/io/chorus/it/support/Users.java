package io.chorus.it.support;

import static io.chorus.it.support.Rest.obj;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * Fresh accounts and logins, so that every test owns its data: the REST calls behind
 * {@link People}, through which the tests make them, and the records they are kept in.
 */
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

    /**
     * Makes two users friends through the real request → accept path, on a throw-away device each
     * that is removed afterwards: the users' own devices (logged in after this) start with empty
     * backlogs, as if the friendship had always existed.
     */
    public static void befriend(Rest rest, TestUser a, TestUser b) {
        String did = "befriend-" + UUID.randomUUID().toString().substring(0, 8);
        Login la = login(rest, a, did);
        Login lb = login(rest, b, did);
        Rest.Reply request = rest.post("/api/friends/requests", obj("to", b.uid()), la.token());
        if (request.status() != 201) {
            throw new AssertionError("friend request failed: " + request);
        }
        Rest.Reply accept = rest.post("/api/friends/requests/" + request.json().getString("id") + "/accept", "{}", lb.token());
        if (accept.status() != 200) {
            throw new AssertionError("accept failed: " + accept);
        }
        removeDevice(rest, la);
        removeDevice(rest, lb);
    }

    /** Befriends every pair of the given users. */
    public static void befriendAll(Rest rest, TestUser... users) {
        for (int i = 0; i < users.length; i++) {
            for (int j = i + 1; j < users.length; j++) {
                befriend(rest, users[i], users[j]);
            }
        }
    }

    public static void removeDevice(Rest rest, Login login) {
        Rest.Reply removed = rest.send("DELETE", "/api/me/devices/" + login.did(), null, login.token());
        if (removed.status() != 204) {
            throw new AssertionError("device removal failed: " + removed);
        }
    }

    /**
     * Waits until the server has recorded the device's socket (a moment after the upgrade). Tests
     * about who is told of whom connect the next device only then: two devices connecting in the
     * same instant are ordered by the server, not by the test.
     */
    public static void awaitOnline(Rest rest, Login login) {
        Awaitility.await(login.did() + " online").atMost(Duration.ofSeconds(20)).until(() ->
                rest.get("/api/me/devices", login.token()).structure().asJsonArray().getValuesAs(JsonObject.class).stream()
                        .anyMatch(device -> device.getString("did").equals(login.did()) && device.getBoolean("online")));
    }

    /**
     * A login for each way a token is revoked: a device logged out, a device removed, and a user
     * disabled by {@code admin}. The matrix tests call with them and expect 401 / 706.
     */
    public static Revoked revokedLogins(Rest rest, Login admin) {
        TestUser leaver = signup(rest, "leaver");
        Login loggedOut = login(rest, leaver, "laptop");
        assertStatus(204, rest.post("/api/auth/logout", "", loggedOut.token()));
        Login removed = login(rest, leaver, "old-phone");
        removeDevice(rest, removed);
        TestUser banned = signup(rest, "banned");
        Login disabled = login(rest, banned, "phone");
        assertStatus(200, rest.post("/api/admin/users/" + banned.uid() + "/disable", "{}", admin.token()));
        return new Revoked(loggedOut, removed, disabled);
    }

    private static void assertStatus(int expected, Rest.Reply reply) {
        if (reply.status() != expected) {
            throw new AssertionError("expected " + expected + ", got " + reply);
        }
    }

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
