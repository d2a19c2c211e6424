package io.chorus.it.jim;

import static io.chorus.it.jim.DialectInteropIT.array;
import static io.chorus.it.jim.DialectInteropIT.contact;
import static io.chorus.it.jim.DialectInteropIT.message;
import static io.chorus.it.support.Frames.newId;
import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.JimClient;
import io.chorus.it.support.JimWire.JimPacket;
import io.chorus.it.support.JimWire;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JIM's pull side (SPEC §6): history by MID, bodies, recent contacts, and the backlog after Cmd_Auth. */
class JimHistoryIT extends BlackBoxIT {
    private static final Duration QUIET = Duration.ofMillis(800);

    @Test
    void getMsg_boundsAreExclusive_andSzKeepsTheNewest_oldestFirst() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        List<Long> mids = sendFromJim(alice, bob, 6);
        try (JimClient b = people.jim(bob, 1)) {
            assertEquals(mids.subList(3, 6), ids(getMsg(b, alice, 0, 0, 3)), "the newest three, oldest first");
            assertEquals(mids.subList(2, 5), ids(getMsg(b, alice, mids.get(1), mids.get(5), 10)), "strictly between");
            assertEquals(mids.subList(3, 5), ids(getMsg(b, alice, mids.get(1), mids.get(5), 2)), "sz keeps the newest");
            assertEquals(mids.subList(0, 2), ids(getMsg(b, alice, 0, mids.get(2), 50)));
            assertEquals(List.of(), ids(getMsg(b, alice, mids.get(5), 0, 50)));

            JsonObject first = getMsg(b, alice, 0, mids.get(1), 1).getJsonObject(0);
            assertEquals(contact(Jim.uid(alice), 1), first.getJsonObject("fr"));
            assertEquals(contact(Jim.uid(bob), 1), first.getJsonObject("to"));
            assertEquals(array("[{\"t\":1,\"d\":\"m0\"}]"), first.getJsonArray("bd"));

            // A MID that is not of this conversation is no bound; a stranger's conversation is empty.
            TestUser carol = people.user("carol");
            JimPacket foreign = b.request(JimWire.GET_MSG, obj("c", contact(Jim.uid(alice), 1), "min", mids.get(5) + 1_000_000));
            assertEquals(JimWire.ERROR, foreign.type());
            assertEquals("invalid_field", foreign.json().getString("reason"));
            assertEquals(List.of(), ids(getMsg(b, carol, 0, 0, 50)));
            JimPacket tooBig = b.request(JimWire.GET_MSG, obj("c", contact(Jim.uid(alice), 1), "sz", 201));
            assertEquals("invalid_field", tooBig.json().getString("reason"));
            JimPacket someoneElse = b.request(JimWire.GET_MSG, obj("u", Jim.uid(alice), "c", contact(Jim.uid(alice), 1)));
            assertEquals("forbidden", someoneElse.json().getString("reason"));
        }
    }

    @Test
    void getMsgHistory_splitsIncomingAndMine_andMarksThemRead() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        List<Long> fromAlice = sendFromJim(alice, bob, 3);
        List<Long> fromBob = sendFromJim(bob, alice, 2);
        Login bobRest = people.login(bob, "rest");
        assertEquals(3, unread(bobRest, alice));
        try (JimClient b = people.jim(bob, 1)) {
            JsonObject history = b.call(JimWire.GET_MSG_HISTORY, obj("u", Jim.uid(bob), "c", contact(Jim.uid(alice), 1), "sz", 50));
            assertEquals(fromAlice, longs(history.getJsonArray("is")));
            assertEquals(fromBob, longs(history.getJsonArray("os")));
            assertEquals(contact(Jim.uid(alice), 1), history.getJsonObject("c"));
        }
        assertEquals(0, unread(bobRest, alice), "listed = read, as in the Go server");
    }

    @Test
    void getMsgBodys_givesWhatTheCallerMayRead_inTheOrderAsked_withoutAddress() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        TestUser carol = people.user("carol");
        people.befriend(alice, bob, carol);
        List<Long> toBob = sendFromJim(alice, bob, 2);
        List<Long> toCarol = sendFromJim(alice, carol, 1);
        try (JimClient b = people.jim(bob, 1)) {
            JsonObject reply = b.call(JimWire.GET_MSG_BODYS, obj("ids", Json.createArrayBuilder()
                    .add(toBob.get(1)).add(toCarol.get(0)).add(999_999_999L).add(toBob.get(0)).build()));
            JsonArray ms = reply.getJsonArray("ms");
            assertEquals(List.of(toBob.get(1), toBob.get(0)), ids(ms), "carol's message and a missing one are left out");
            JsonObject body = ms.getJsonObject(0);
            assertFalse(body.containsKey("fr") || body.containsKey("to"), "a MessageBody: " + body);
            assertEquals(contact(Jim.uid(alice), 1), body.getJsonObject("ar"));
            assertEquals(array("[{\"t\":1,\"d\":\"m1\"}]"), body.getJsonArray("bd"));
            assertTrue(body.getJsonNumber("st").longValue() > 0);

            JimPacket notIds = b.request(JimWire.GET_MSG_BODYS, obj("ids", "1,2"));
            assertEquals("invalid_field", notIds.json().getString("reason"));
        }
    }

    @Test
    void getRecentContact_listsConversationsNewerThanLmid_withUnreadCounts() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        TestUser carol = people.user("carol");
        people.befriend(bob, alice, carol);
        List<Long> fromAlice = sendFromJim(alice, bob, 2);
        List<Long> fromCarol = sendFromJim(carol, bob, 1);
        try (JimClient b = people.jim(bob, 1)) {
            JsonArray all = b.call(JimWire.GET_RECENT_CONTACT, obj("uid", Jim.uid(bob), "lmid", 0, "sz", 10)).getJsonArray("cs");
            assertEquals(2, all.size(), all::toString);
            assertEquals(fromCarol.get(0), all.getJsonObject(0).getJsonObject("lm").getJsonNumber("id").longValue(), "newest first");
            assertEquals(1, all.getJsonObject(0).getInt("uc"));
            assertEquals(fromAlice.get(1), all.getJsonObject(1).getJsonObject("lm").getJsonNumber("id").longValue());
            assertEquals(2, all.getJsonObject(1).getInt("uc"));

            JsonArray newer = b.call(JimWire.GET_RECENT_CONTACT, obj("lmid", fromAlice.get(1), "sz", 10)).getJsonArray("cs");
            assertEquals(List.of(fromCarol.get(0)), newer.getValuesAs(JsonObject.class).stream()
                    .map(c -> c.getJsonObject("lm").getJsonNumber("id").longValue()).toList());
            assertEquals(1, b.call(JimWire.GET_RECENT_CONTACT, obj("sz", 1)).getJsonArray("cs").size());
        }
    }

    @Test
    void offlineJimDevice_getsItsBacklogOnTheNextAuth_inOrder_andOnlyOnce() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        // The device exists (a first sign-in) before the messages are sent while it is away.
        people.jim(bob, 2).close();
        Login a = people.login(alice, "phone");
        List<String> sent = new ArrayList<>();
        try (WsClient aws = people.connect(a)) {
            for (int i = 0; i < 5; i++) {
                String id = newId();
                aws.send(io.chorus.it.support.Frames.c2c(id, bob.uid(), "offline " + i));
                assertEquals("C2C_SERVER_ACK", aws.nextJson().getString("type"));
                sent.add(id);
            }
        }
        assertEquals(5, pending(bob));
        try (JimClient b = people.jim(bob, 2)) {
            for (int i = 0; i < 5; i++) {
                JsonObject m = b.next().json();
                assertEquals(Db.count("select id from message where wire_id = ?", sent.get(i)), m.getJsonNumber("id").longValue());
                assertEquals("offline " + i, m.getJsonArray("bd").getJsonObject(0).getString("d"));
            }
            assertNull(b.poll(QUIET));
        }
        // Written means delivered for JIM: settled, so the next sign-in replays nothing.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pending(bob) == 0);
        try (JimClient b = people.jim(bob, 2)) {
            assertNull(b.poll(QUIET));
        }
    }

    private static long pending(TestUser user) {
        return Db.count("select count(*) from delivery d join device v on v.id = d.device_id join app_user u on u.id = v.user_id "
                + "where u.account = ?", user.account());
    }

    /** {@code n} text messages m0.. from one user to another, sent on /jim; their MIDs. */
    private List<Long> sendFromJim(TestUser from, TestUser to, int n) {
        List<Long> mids = new ArrayList<>();
        try (JimClient client = people.jim(from, 6)) {
            for (int i = 0; i < n; i++) {
                JsonObject reply = client.call(JimWire.MSG, message(null, contact(Jim.uid(to), 1), List.of(), 0, i,
                        array("[{\"t\":1,\"d\":\"m" + i + "\"}]")));
                long mid = reply.getJsonNumber("mid").longValue();
                assertTrue(mid > 0, reply::toString);
                mids.add(mid);
            }
        }
        return mids;
    }

    private static JsonArray getMsg(JimClient client, TestUser peer, long min, long max, int sz) {
        return client.call(JimWire.GET_MSG, obj("c", contact(Jim.uid(peer), 1), "min", min, "max", max, "sz", sz)).getJsonArray("ms");
    }

    private static List<Long> ids(JsonArray messages) {
        return messages.getValuesAs(JsonObject.class).stream().map(m -> m.getJsonNumber("id").longValue()).toList();
    }

    private static List<Long> longs(JsonArray array) {
        return array.getValuesAs(JsonValue.class).stream().map(v -> ((jakarta.json.JsonNumber) v).longValue()).toList();
    }

    private long unread(Login login, TestUser peer) {
        var reply = rest.get("/api/conversations", login.token());
        return reply.structure().asJsonArray().getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("id").equals(peer.uid())).findFirst().orElseThrow().getJsonNumber("unread").longValue();
    }
}
