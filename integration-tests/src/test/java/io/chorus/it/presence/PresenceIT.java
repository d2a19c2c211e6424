package io.chorus.it.presence;

import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.chorus.it.support.BlackBoxIT;
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
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login phone = people.login(alice, "phone");
        Login laptop = people.login(alice, "laptop");
        Login bobPhone = people.login(bob, "phone");

        try (WsClient watcher = people.connect(bobPhone).allFrames()) {
            WsClient first = people.connect(phone);
            assertPresence(watcher.nextJson(WAIT), alice, bob, "online");
            assertEquals("online", presenceSeenBy(bobPhone));

            WsClient second = people.connect(laptop);
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
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login phone = people.login(alice, "phone");
        Login bobPhone = people.login(bob, "phone");

        try (WsClient watcher = people.connect(bobPhone).allFrames(); WsClient aliceSocket = people.connect(phone)) {
            assertPresence(watcher.nextJson(WAIT), alice, bob, "online");

            assertEquals(204, rest.send("PUT", "/api/me/presence", obj("state", "hide").toString(), phone.token()).status());
            assertPresence(watcher.nextJson(WAIT), alice, bob, "hide");
            assertEquals("offline", presenceSeenBy(bobPhone));
            assertEquals("hide", rest.get("/api/me/presence", phone.token()).json().getString("state"));
            assertEquals(204, rest.send("PUT", "/api/me/presence", obj("state", "hide").toString(), phone.token()).status());
            assertNull(watcher.pollText(QUIET), "hiding twice says nothing");

            // Hidden devices come and go unnoticed.
            try (WsClient laptop = people.connect(alice, "laptop")) {
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
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login phone = people.login(alice, "phone");
        Login bobPhone = people.login(bob, "phone");
        assertEquals(204, rest.send("PUT", "/api/me/presence", obj("state", "hide").toString(), phone.token()).status());

        try (WsClient watcher = people.connect(bobPhone).allFrames()) {
            WsClient aliceSocket = people.connect(phone);
            assertNull(watcher.pollText(QUIET));
            assertEquals("offline", presenceSeenBy(bobPhone));
            aliceSocket.close();
            assertNull(watcher.pollText(QUIET));
        }
    }

    @Test
    void presence_reachesFriendsOnly() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        TestUser carol = people.user("carol");
        TestUser dave = people.user("dave");
        people.befriend(alice, bob, dave);
        Login phone = people.login(alice, "phone");
        Login bobPhone = people.login(bob, "phone");
        Login carolPhone = people.login(carol, "phone");
        Login davePhone = people.login(dave, "phone");
        // Dave drops alice from his list: her presence is no longer his business.
        assertEquals(204, rest.send("DELETE", "/api/friends/" + alice.uid(), null, davePhone.token()).status());

        try (WsClient friend = people.connect(bobPhone).allFrames();
             WsClient stranger = people.connect(carolPhone).allFrames();
             WsClient former = people.connect(davePhone).allFrames()) {
            WsClient aliceSocket = people.connect(phone);
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
