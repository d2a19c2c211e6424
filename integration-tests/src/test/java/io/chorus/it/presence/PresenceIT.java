package io.chorus.it.presence;

import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Users;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Presence (SPEC §7): friends hear {@code online} when a user's first device connects and
 * {@code offline} when the last one leaves; {@code hide} looks offline; nobody else hears anything.
 */
class PresenceIT extends BlackBoxIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** How long "nothing arrives" is watched for. */
    private static final Duration QUIET = Duration.ofMillis(800);

    @Test
    void onlineWithTheFirstDevice_offlineAfterTheLast() {
        TestUser alice = Users.signup(rest, "alice");
        TestUser bob = Users.signup(rest, "bob");
        Users.befriend(rest, alice, bob);
        Login phone = Users.login(rest, alice, "phone");
        Login laptop = Users.login(rest, alice, "laptop");
        Login bobPhone = Users.login(rest, bob, "phone");

        try (WsClient watcher = WsClient.connect(bobPhone).allFrames()) {
            WsClient first = WsClient.connect(phone);
            assertPresence(watcher.nextJson(WAIT), alice, bob, "online");
            assertEquals("online", presenceSeenBy(bobPhone));

            WsClient second = WsClient.connect(laptop);
            assertNull(watcher.pollText(QUIET), "already online");
            first.close();
            assertNull(watcher.pollText(QUIET), "the laptop is still connected");
            assertEquals("online", presenceSeenBy(bobPhone));

            second.close();
            assertPresence(watcher.nextJson(WAIT), alice, bob, "offline");
            assertEquals("offline", presenceSeenBy(bobPhone));
        }
    }

    @Test
    void hide_looksOfflineToFriends_untilOnlineAgain() {
        TestUser alice = Users.signup(rest, "alice");
        TestUser bob = Users.signup(rest, "bob");
        Users.befriend(rest, alice, bob);
        Login phone = Users.login(rest, alice, "phone");
        Login bobPhone = Users.login(rest, bob, "phone");

        try (WsClient watcher = WsClient.connect(bobPhone).allFrames(); WsClient aliceSocket = WsClient.connect(phone)) {
            assertPresence(watcher.nextJson(WAIT), alice, bob, "online");

            assertEquals(204, rest.send("PUT", "/api/me/presence", obj("state", "hide").toString(), phone.token()).status());
            assertPresence(watcher.nextJson(WAIT), alice, bob, "hide");
            assertEquals("offline", presenceSeenBy(bobPhone));
            assertEquals("hide", rest.get("/api/me/presence", phone.token()).json().getString("state"));
            assertEquals(204, rest.send("PUT", "/api/me/presence", obj("state", "hide").toString(), phone.token()).status());
            assertNull(watcher.pollText(QUIET), "hiding twice says nothing");

            // Hidden devices come and go unnoticed.
            try (WsClient laptop = WsClient.connect(Users.login(rest, alice, "laptop"))) {
                assertNull(watcher.pollText(QUIET));
            }
            assertNull(watcher.pollText(QUIET));

            assertEquals(204, rest.send("PUT", "/api/me/presence", obj("state", "online").toString(), phone.token()).status());
            assertPresence(watcher.nextJson(WAIT), alice, bob, "online");
            assertEquals("online", presenceSeenBy(bobPhone));
        }
    }

    @Test
    void hiddenUser_connectingAndLeaving_tellsNobody() {
        TestUser alice = Users.signup(rest, "alice");
        TestUser bob = Users.signup(rest, "bob");
        Users.befriend(rest, alice, bob);
        Login phone = Users.login(rest, alice, "phone");
        Login bobPhone = Users.login(rest, bob, "phone");
        assertEquals(204, rest.send("PUT", "/api/me/presence", obj("state", "hide").toString(), phone.token()).status());

        try (WsClient watcher = WsClient.connect(bobPhone).allFrames()) {
            WsClient aliceSocket = WsClient.connect(phone);
            assertNull(watcher.pollText(QUIET));
            assertEquals("offline", presenceSeenBy(bobPhone));
            aliceSocket.close();
            assertNull(watcher.pollText(QUIET));
        }
    }

    @Test
    void presence_reachesFriendsOnly() {
        TestUser alice = Users.signup(rest, "alice");
        TestUser bob = Users.signup(rest, "bob");
        TestUser carol = Users.signup(rest, "carol");
        TestUser dave = Users.signup(rest, "dave");
        Users.befriend(rest, alice, bob);
        Users.befriend(rest, alice, dave);
        Login phone = Users.login(rest, alice, "phone");
        Login bobPhone = Users.login(rest, bob, "phone");
        Login carolPhone = Users.login(rest, carol, "phone");
        Login davePhone = Users.login(rest, dave, "phone");
        // Dave drops alice from his list: her presence is no longer his business.
        assertEquals(204, rest.send("DELETE", "/api/friends/" + alice.uid(), null, davePhone.token()).status());

        try (WsClient friend = WsClient.connect(bobPhone).allFrames();
             WsClient stranger = WsClient.connect(carolPhone).allFrames();
             WsClient former = WsClient.connect(davePhone).allFrames()) {
            WsClient aliceSocket = WsClient.connect(phone);
            assertPresence(friend.nextJson(WAIT), alice, bob, "online");
            aliceSocket.close();
            assertPresence(friend.nextJson(WAIT), alice, bob, "offline");
            assertNull(stranger.pollText(QUIET), "carol is not alice's friend");
            assertNull(former.pollText(QUIET), "dave removed alice");
        }
    }

    private String presenceSeenBy(Login viewer) {
        return rest.get("/api/friends", viewer.token()).structure().asJsonArray().getJsonObject(0).getString("presence");
    }

    private static void assertPresence(JsonObject frame, TestUser of, TestUser to, String state) {
        assertEquals("S2C", frame.getString("type"), frame::toString);
        assertEquals(of.uid(), frame.getString("from"));
        assertEquals(to.uid(), frame.getString("to"));
        assertEquals(obj("msg_type", state), frame.getJsonObject("payload"));
    }
}
