package io.chorus.it.support;

import static io.chorus.it.support.Rest.obj;

import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.Revoked;
import io.chorus.it.support.Users.TestUser;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * The people of one test, made fresh through the real API of one server: accounts, their devices,
 * friendships, groups, and the /ws and /jim clients they connect with. A test says who exists and
 * how they are connected in a line or two:
 *
 * <pre>{@code
 * TestUser alice = people.user("alice");
 * TestUser bob = people.friendOf(alice, "bob");
 * try (WsClient aws = people.connect(alice, "phone"); JimClient b = people.jim(bob, 1)) { ... }
 * }</pre>
 *
 * Every call does what it says at once, in the order the test makes them: whether a device is
 * logged in before or after a friendship or a group is the test's decision, and often its point.
 * Nothing is kept between calls, so an instance may serve threads in parallel; each test (or each
 * server a test talks to) has its own.
 */
public final class People {
    private final Rest rest;

    public People(Rest rest) {
        this.rest = rest;
    }

    /** The server these people are made on; their clients connect to it too. */
    public Rest rest() {
        return rest;
    }

    // ---------------------------------------------------------------- accounts and devices

    /** A fresh account, {@code prefix} plus a unique suffix, with {@link Users#PASSWORD}. */
    public TestUser user(String prefix) {
        String account = Users.uniqueAccount(prefix);
        Rest.Reply reply = rest.post("/api/auth/signup", obj("account", account, "password", Users.PASSWORD).toString());
        expect(201, reply, "signup");
        return new TestUser(account, reply.json().getString("uid"));
    }

    /**
     * A fresh account that is {@code friend}'s friend: {@code friend} asked, the new one accepted
     * ({@link #befriend}).
     */
    public TestUser friendOf(TestUser friend, String prefix) {
        TestUser user = user(prefix);
        befriend(friend, user);
        return user;
    }

    /** A fresh account logged in on device {@code did}, for a test that needs one user and one device. */
    public Login loggedIn(String prefix, String did) {
        return login(user(prefix), did);
    }

    /** Logs {@code user} in on device {@code did} (a new device, or new tokens for a known one). */
    public Login login(TestUser user, String did) {
        Rest.Reply reply = rest.post("/api/auth/login",
                obj("account", user.account(), "password", Users.PASSWORD, "did", did, "cos", "linux", "dname", "test " + did).toString());
        expect(200, reply, "login");
        JsonObject body = reply.json();
        return new Login(user, did, body.getString("token"), body.getString("refreshtoken"));
    }

    /**
     * {@code asker} asks each of {@code others} in turn and each accepts, through the real request
     * and accept path, on a throw-away device each that is removed afterwards: the users' own
     * devices (logged in after this) start with empty backlogs, as if the friendship had always existed.
     */
    public void befriend(TestUser asker, TestUser... others) {
        for (TestUser other : others) {
            String did = "befriend-" + UUID.randomUUID().toString().substring(0, 8);
            Login askerDevice = login(asker, did);
            Login otherDevice = login(other, did);
            Rest.Reply request = rest.post("/api/friends/requests", obj("to", other.uid()), askerDevice.token());
            expect(201, request, "friend request");
            expect(200, rest.post("/api/friends/requests/" + request.json().getString("id") + "/accept", "{}", otherDevice.token()),
                    "accept");
            removeDevice(askerDevice);
            removeDevice(otherDevice);
        }
    }

    /** Befriends every pair of the given users, each earlier one asking each later one. */
    public void befriendAll(TestUser... users) {
        for (int i = 0; i < users.length; i++) {
            for (int j = i + 1; j < users.length; j++) {
                befriend(users[i], users[j]);
            }
        }
    }

    public void removeDevice(Login login) {
        expect(204, rest.send("DELETE", "/api/me/devices/" + login.did(), null, login.token()), "device removal");
    }

    /**
     * Waits until the server has recorded the device's socket (a moment after the upgrade). Tests
     * about who is told of whom connect the next device only then: two devices connecting in the
     * same instant are ordered by the server, not by the test.
     */
    public void awaitOnline(Login login) {
        Awaitility.await(login.did() + " online").atMost(Duration.ofSeconds(20)).until(() ->
                rest.get("/api/me/devices", login.token()).structure().asJsonArray().getValuesAs(JsonObject.class).stream()
                        .anyMatch(device -> device.getString("did").equals(login.did()) && device.getBoolean("online")));
    }

    /**
     * A login for each way a token is revoked: a device logged out, a device removed, and a user
     * disabled by {@code admin}. The matrix tests call with them and expect 401 / 706.
     */
    public Revoked revokedLogins(Login admin) {
        TestUser leaver = user("leaver");
        Login loggedOut = login(leaver, "laptop");
        expect(204, rest.post("/api/auth/logout", "", loggedOut.token()), "logout");
        Login removed = login(leaver, "old-phone");
        removeDevice(removed);
        TestUser banned = user("banned");
        Login disabled = login(banned, "phone");
        expect(200, rest.post("/api/admin/users/" + banned.uid() + "/disable", "{}", admin.token()), "disable");
        return new Revoked(loggedOut, removed, disabled);
    }

    // ---------------------------------------------------------------- groups

    /** A closed group {@code owner} makes with these members; its gid. */
    public String group(Login owner, String title, TestUser... members) {
        JsonArrayBuilder uids = Json.createArrayBuilder();
        for (TestUser member : members) {
            uids.add(member.uid());
        }
        Rest.Reply reply = rest.post("/api/groups", obj("title", title, "members", uids.build()), owner.token());
        expect(201, reply, "group creation");
        return reply.json().getString("gid");
    }

    // ---------------------------------------------------------------- clients

    /** A /ws client of the device, on this server. */
    public WsClient connect(Login login) {
        return WsClient.connect(rest.base(), login);
    }

    /** Logs {@code user} in on device {@code did} and connects it to /ws. */
    public WsClient connect(TestUser user, String did) {
        return connect(login(user, did));
    }

    /** A /ws client of the device, once the server has recorded it as online ({@link #awaitOnline}). */
    public WsClient online(Login login) {
        WsClient client = connect(login);
        try {
            awaitOnline(login);
            return client;
        } catch (RuntimeException | AssertionError e) {
            client.close();
            throw e;
        }
    }

    /** A /jim session of {@code user} signed in with account and password on terminal type {@code tt}. */
    public JimClient jim(TestUser user, int tt) {
        return JimClient.signIn(rest.base(), user, tt);
    }

    /** A /jim session signed in with the login's token (its device). */
    public JimClient jim(Login login) {
        return JimClient.signIn(rest.base(), login);
    }

    private static void expect(int status, Rest.Reply reply, String what) {
        if (reply.status() != status) {
            throw new AssertionError(what + " failed: " + reply);
        }
    }
}
