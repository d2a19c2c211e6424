package io.chorus.it.support;

import static io.chorus.it.support.Rest.obj;

import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.Revoked;
import io.chorus.it.support.Users.TestUser;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

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
 * server a test talks to) has its own. The REST calls themselves are {@link Users}'.
 */
public final class People {
    private final Rest rest;

    public People(Rest rest) {
        this.rest = rest;
    }

    /** The server these people are made on; sockets connect to it too. */
    public Rest rest() {
        return rest;
    }

    // ---------------------------------------------------------------- accounts and devices

    /** A fresh account, {@code prefix} plus a unique suffix. */
    public TestUser user(String prefix) {
        return Users.signup(rest, prefix);
    }

    /**
     * A fresh account that is {@code friend}'s friend: {@code friend} asked, the new one accepted
     * ({@link #befriend}), on throw-away devices.
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
        return Users.login(rest, user, did);
    }

    /**
     * {@code asker} asks each of {@code others} in turn, and each accepts, through the real request
     * and accept path on throw-away devices that are removed afterwards: devices logged in after
     * this start with empty backlogs, as if the friendships had always existed.
     */
    public void befriend(TestUser asker, TestUser... others) {
        for (TestUser other : others) {
            Users.befriend(rest, asker, other);
        }
    }

    /** Befriends every pair of the given users, each earlier one asking each later one. */
    public void befriendAll(TestUser... users) {
        Users.befriendAll(rest, users);
    }

    public void removeDevice(Login login) {
        Users.removeDevice(rest, login);
    }

    /** Waits until the server has recorded the device's socket; see {@link Users#awaitOnline}. */
    public void awaitOnline(Login login) {
        Users.awaitOnline(rest, login);
    }

    /** Revoked logins of fresh users, one per way of revoking; see {@link Users#revokedLogins}. */
    public Revoked revokedLogins(Login admin) {
        return Users.revokedLogins(rest, admin);
    }

    // ---------------------------------------------------------------- groups

    /** A closed group {@code owner} makes with these members; its gid. */
    public String group(Login owner, String title, TestUser... members) {
        JsonArrayBuilder uids = Json.createArrayBuilder();
        for (TestUser member : members) {
            uids.add(member.uid());
        }
        Rest.Reply reply = rest.post("/api/groups", obj("title", title, "members", uids.build()), owner.token());
        if (reply.status() != 201) {
            throw new AssertionError("group creation failed: " + reply);
        }
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
}
