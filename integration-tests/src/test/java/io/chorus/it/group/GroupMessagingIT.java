package io.chorus.it.group;

import static io.chorus.it.group.Groups.WAIT;
import static io.chorus.it.group.Groups.assertError;
import static io.chorus.it.group.Groups.assertQuiet;
import static io.chorus.it.group.Groups.c2g;
import static io.chorus.it.group.Groups.nextMessage;
import static io.chorus.it.group.Groups.nextSkippingNotices;
import static io.chorus.it.group.Groups.revoke;
import static io.chorus.it.support.Frames.ack;
import static io.chorus.it.support.Frames.newId;
import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** C2G sends: idempotence, revoke, the recent-conversation list with unread counts, history by seq. */
class GroupMessagingIT extends BlackBoxIT {
    private static final JsonObject STUB = obj("msg_type", "custom", "custom_type", "peer_revoked");

    @Test
    void sameIdThreeTimes_getsTheIdenticalAck_andIsStoredAndDeliveredOnce() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        Login a = people.login(alice, "phone");
        String gid = people.group(a, "Echo", bob);
        // Bob's device comes after the creation: his socket shows messages only.
        Login b = people.login(bob, "phone");

        String id = newId();
        String frame = c2g(id, gid, "once only");
        List<JsonObject> acks = new ArrayList<>();
        try (WsClient bws = people.connect(b)) {
            try (WsClient aws = people.connect(a)) {
                // The first answer may follow the creation notice still waiting for this device.
                aws.send(frame);
                acks.add(nextSkippingNotices(aws, a));
                aws.send(frame);
                aws.send(frame);
                acks.add(nextSkippingNotices(aws, a));
                acks.add(nextSkippingNotices(aws, a));
            }
            // A retry after a reconnect, as a client that lost the ack would do it.
            try (WsClient aws = people.connect(a)) {
                aws.send(frame);
                acks.add(nextSkippingNotices(aws, a));
            }
            JsonObject first = acks.get(0);
            assertEquals("C2G_SERVER_ACK", first.getString("type"), first::toString);
            assertEquals(id, first.getString("id"));
            assertEquals(1, first.getJsonNumber("seq").longValue());
            for (JsonObject ack : acks) {
                assertEquals(first, ack, "every retry gets the original ack");
            }

            JsonObject message = nextMessage(bws, b);
            assertEquals(id, message.getString("id"));
            assertEquals(first.getJsonNumber("server_ts"), message.getJsonNumber("server_ts"));
            assertQuiet(bws, "delivered once");
        }
        JsonObject history = Groups.history(rest, gid, b, "");
        assertEquals(List.of(id), Groups.ids(history.getJsonArray("messages")));
        assertEquals(1, Groups.stored(id));
        // The next send continues the sequence: the retries took no seq.
        try (WsClient aws = people.connect(a)) {
            assertEquals(2, Groups.send(aws, a, gid, "next").getJsonNumber("seq").longValue());
        }
    }

    @Test
    void theSendersOtherDevicesGetIt_theSendingOneDoesNot_andAnUnackedCopyIsResent() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        Login aPhone = people.login(alice, "phone");
        String gid = people.group(aPhone, "Resends", bob);
        Login aTablet = people.login(alice, "tablet");
        Login b = people.login(bob, "phone");

        try (WsClient phone = people.connect(aPhone); WsClient tablet = people.connect(aTablet);
             WsClient bws = people.connect(b)) {
            String id = Groups.send(phone, aPhone, gid, "to every device but this one").getString("id");
            JsonObject onTablet = nextMessage(tablet, aTablet);
            assertEquals(id, onTablet.getString("id"));
            assertEquals(alice.uid(), onTablet.getString("from"));
            assertEquals(gid, onTablet.getString("to"));

            // Bob's device does not acknowledge: the copy comes again, the same frame.
            JsonObject first = bws.nextJson(WAIT);
            assertEquals(id, first.getString("id"), first::toString);
            JsonObject resent = bws.nextJson(Duration.ofSeconds(10)); // first resend after 5 s
            assertEquals(first, resent, "a resend is the same frame");
            bws.send(ack("C2G", id, b.did()));
            assertNull(bws.pollText(Duration.ofSeconds(6)), "nothing is resent once acknowledged");
            assertQuiet(phone, "the sending device gets its ack only");
            assertQuiet(tablet, "acknowledged on the tablet: not resent there either");
        }
        assertEquals(0, Groups.pendingDeliveries(List.of(alice.account(), bob.account())));
    }

    @Test
    void onlyTheAuthorRevokes_andEveryOtherOnlineDeviceIsTold() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        TestUser carol = people.user("carol");
        Login seed = people.login(alice, "setup");
        String gid = people.group(seed, "Oops", bob, carol);
        // Devices logged in after the creation: their sockets show messages and revokes only.
        Login aPhone = people.login(alice, "phone");
        Login aLaptop = people.login(alice, "laptop");
        Login b = people.login(bob, "phone");
        Login c = people.login(carol, "phone");
        Login cTablet = people.login(carol, "tablet");

        String id;
        try (WsClient aws = people.connect(aPhone); WsClient lws = people.connect(aLaptop);
             WsClient bws = people.connect(b); WsClient cws = people.connect(c)) {
            JsonObject sent = Groups.send(aws, aPhone, gid, "wrong chat");
            id = sent.getString("id");
            for (var pair : List.of(Map.entry(lws, aLaptop), Map.entry(bws, b), Map.entry(cws, c))) {
                assertEquals(id, nextMessage(pair.getKey(), pair.getValue()).getString("id"));
                // Its ack handled before the snapshot: a late one would show as a change.
                Groups.sync(pair.getKey());
            }
            Map<String, String> before = Groups.snapshot();

            // Another member's revoke, and one of an unknown id: refused, nothing changes, nobody is told.
            bws.send(revoke(id, gid));
            assertError(bws.nextJson(WAIT), id, "unknown_message");
            aws.send(revoke("nosuchmessage000001", gid));
            assertError(aws.nextJson(WAIT), "nosuchmessage000001", "unknown_message");
            assertEquals(before, Groups.snapshot());
            assertQuiet(cws, "a refused revoke tells nobody");
            assertEquals("wrong chat", Groups.history(rest, gid, b, "").getJsonArray("messages").getJsonObject(0)
                    .getJsonObject("payload").getString("text"));

            aws.send(revoke(id, gid));
            JsonObject ack = aws.nextJson(WAIT);
            assertEquals("C2G_REVOKE_ACK", ack.getString("type"), ack::toString);
            assertEquals(id, ack.getString("id"));
            assertTrue(ack.getJsonNumber("server_ts").longValue() > 0);
            // The other members' devices and the author's other device; not the revoking one.
            for (WsClient other : List.of(lws, bws, cws)) {
                JsonObject told = other.nextJson(WAIT);
                assertEquals("C2G_REVOKE", told.getString("type"), told::toString);
                assertEquals(id, told.getString("id"));
                assertEquals(alice.uid(), told.getString("from"));
                assertEquals(gid, told.getString("to"));
                assertEquals(STUB, told.getJsonObject("payload"));
                assertTrue(told.getJsonNumber("server_ts").longValue() > 0);
                assertQuiet(other, "told once");
            }
            assertQuiet(aws, "the revoking device needs no C2G_REVOKE");
        }

        JsonObject stored = Groups.history(rest, gid, c, "").getJsonArray("messages").getJsonObject(0);
        assertEquals(id, stored.getString("id"));
        assertEquals(STUB, stored.getJsonObject("payload"), "history shows the stub");
        // Carol's tablet was offline: its backlog never shows the content either.
        try (WsClient tws = people.connect(cTablet)) {
            JsonObject replayed = nextMessage(tws, cTablet);
            assertEquals(id, replayed.getString("id"));
            assertEquals(STUB, replayed.getJsonObject("payload"));
        }
    }

    @Test
    void recentConversations_countOthersMessagesAsUnread_fromEachMembersJoin_untilRead() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        TestUser carol = people.user("carol");
        Login a = people.login(alice, "phone");
        String gid = people.group(a, "Unread", bob);
        Login b = people.login(bob, "phone");
        Login c = people.login(carol, "phone");

        List<String> ids = new ArrayList<>();
        try (WsClient aws = people.connect(a); WsClient bws = people.connect(b)) {
            for (int i = 1; i <= 3; i++) {
                ids.add(Groups.send(aws, a, gid, "a" + i).getString("id"));
            }
            // Delivered (and acknowledged by the device) is not read: they stay unread below.
            for (int i = 0; i < 3; i++) {
                assertEquals(ids.get(i), nextMessage(bws, b).getString("id"));
            }
            for (int i = 1; i <= 2; i++) {
                ids.add(Groups.send(bws, b, gid, "b" + i).getString("id"));
            }
            for (int i = 3; i < 5; i++) {
                assertEquals(ids.get(i), nextMessage(aws, a).getString("id"));
            }
        }

        JsonObject bobs = Groups.recentEntry(rest, gid, b);
        assertNotNull(bobs, "the group is among bob's conversations");
        assertEquals(3, bobs.getInt("unread"), "alice's three; his own two are never unread");
        JsonObject last = bobs.getJsonObject("last");
        assertEquals(ids.get(4), last.getString("id"));
        assertEquals("C2G", last.getString("type"));
        assertEquals(bob.uid(), last.getString("from"));
        assertEquals(gid, last.getString("to"));
        assertEquals(5, last.getJsonNumber("seq").longValue());
        assertEquals(2, Groups.recentEntry(rest, gid, a).getInt("unread"));

        assertEquals(204, rest.post("/api/conversations/C2G/" + gid + "/read", obj("seq", 3).toString(), a.token()).status());
        assertEquals(2, Groups.recentEntry(rest, gid, a).getInt("unread"), "bob's two are above seq 3");
        assertEquals(204, rest.post("/api/conversations/C2G/" + gid + "/read", obj("seq", 5).toString(), a.token()).status());
        assertEquals(0, Groups.recentEntry(rest, gid, a).getInt("unread"));
        assertEquals(204, rest.post("/api/conversations/C2G/" + gid + "/read", obj("seq", 5).toString(), b.token()).status());
        assertEquals(0, Groups.recentEntry(rest, gid, b).getInt("unread"));
        assertEquals(204, rest.post("/api/conversations/C2G/" + gid + "/read", obj("seq", 1).toString(), b.token()).status());
        assertEquals(0, Groups.recentEntry(rest, gid, b).getInt("unread"), "the read cursor never moves back");

        // Carol joins after five messages: her count starts at her join.
        Groups.addMembers(rest, gid, a, List.of(carol.uid()));
        JsonObject carols = Groups.recentEntry(rest, gid, c);
        if (carols != null) {
            assertEquals(0, carols.getInt("unread"), "nothing before her join is unread for her");
        }
        try (WsClient aws = people.connect(a)) {
            ids.add(Groups.send(aws, a, gid, "a4").getString("id"));
        }
        carols = Groups.recentEntry(rest, gid, c);
        assertNotNull(carols);
        assertEquals(1, carols.getInt("unread"));
        assertEquals(ids.get(5), carols.getJsonObject("last").getString("id"));
        assertEquals(1, Groups.recentEntry(rest, gid, b).getInt("unread"));
        assertEquals(204, rest.post("/api/conversations/C2G/" + gid + "/read", obj("seq", 6).toString(), c.token()).status());
        assertEquals(0, Groups.recentEntry(rest, gid, c).getInt("unread"));
        assertEquals(1, Groups.recentEntry(rest, gid, b).getInt("unread"), "read cursors are per member");
    }

    @Test
    void history_pagesBySeq_forMembersOnly() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        TestUser carol = people.user("carol");
        Login a = people.login(alice, "phone");
        Login b = people.login(bob, "phone");
        Login c = people.login(carol, "phone");
        String gid = people.group(a, "Pages", bob);

        List<String> ids = new ArrayList<>();
        try (WsClient aws = people.connect(a)) {
            for (int i = 1; i <= 7; i++) {
                JsonObject ack = Groups.send(aws, a, gid, "p" + i);
                assertEquals(i, ack.getJsonNumber("seq").longValue(), "gap-free from 1");
                ids.add(ack.getString("id"));
            }
        }

        JsonObject all = Groups.history(rest, gid, b, "");
        assertEquals(ids, Groups.ids(all.getJsonArray("messages")));
        assertFalse(all.getBoolean("has_more"));
        JsonObject first = all.getJsonArray("messages").getJsonObject(0);
        assertEquals("C2G", first.getString("type"));
        assertEquals(alice.uid(), first.getString("from"));
        assertEquals(gid, first.getString("to"));
        assertEquals(obj("msg_type", "text", "text", "p1"), first.getJsonObject("payload"));
        assertEquals(1, first.getJsonNumber("seq").longValue());

        JsonObject newest = Groups.history(rest, gid, b, "?limit=3");
        assertEquals(List.of(5L, 6L, 7L), Groups.seqs(newest.getJsonArray("messages")));
        assertTrue(newest.getBoolean("has_more"));
        JsonObject older = Groups.history(rest, gid, b, "?limit=3&before=5");
        assertEquals(List.of(2L, 3L, 4L), Groups.seqs(older.getJsonArray("messages")));
        assertTrue(older.getBoolean("has_more"));
        JsonObject oldest = Groups.history(rest, gid, b, "?limit=3&before=2");
        assertEquals(List.of(1L), Groups.seqs(oldest.getJsonArray("messages")));
        assertFalse(oldest.getBoolean("has_more"));
        assertEquals(List.of(6L, 7L), Groups.seqs(Groups.history(rest, gid, b, "?after=5").getJsonArray("messages")));
        assertEquals(List.of(3L, 4L), Groups.seqs(Groups.history(rest, gid, b, "?after=2&before=5").getJsonArray("messages")));
        assertEquals(ids, Groups.ids(Groups.history(rest, gid, a, "").getJsonArray("messages")), "the author reads the same");

        Map<String, String> before = Groups.snapshot();
        Groups.assertProblem(rest.get("/api/conversations/C2G/" + gid + "/messages", c.token()), 404, "not_found");
        Groups.assertProblem(rest.get("/api/conversations/C2G/" + gid + "/messages?limit=abc", b.token()), 400, "invalid_field");
        assertEquals(400, rest.post("/api/conversations/C2G/" + gid + "/read", obj("seq", 8).toString(), b.token()).status(),
                "beyond the last seq");
        Groups.assertProblem(rest.post("/api/conversations/C2G/" + gid + "/read", obj("seq", 1).toString(), c.token()), 404, "not_found");
        assertNull(Groups.recentEntry(rest, gid, c));
        assertEquals(before, Groups.snapshot());
    }
}
