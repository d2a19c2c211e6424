package io.chorus.it.group;

import static io.chorus.it.group.Groups.WAIT;
import static io.chorus.it.group.Groups.assertError;
import static io.chorus.it.group.Groups.assertJoinNotice;
import static io.chorus.it.group.Groups.assertNotice;
import static io.chorus.it.group.Groups.assertProblem;
import static io.chorus.it.group.Groups.assertQuiet;
import static io.chorus.it.group.Groups.c2g;
import static io.chorus.it.group.Groups.dissolvePayload;
import static io.chorus.it.group.Groups.leavePayload;
import static io.chorus.it.group.Groups.nextMessage;
import static io.chorus.it.group.Groups.nextNotice;
import static io.chorus.it.support.Frames.newId;
import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Who is in a group, and the boundaries that follow: a later joiner sees nothing from before its
 * join, one who leaves or is removed gets nothing afterwards and loses its undelivered backlog, a
 * dissolved group is gone for everyone. Each change is announced with its stored notice.
 */
class GroupMembershipIT extends BlackBoxIT {

    @Test
    void create_tellsEveryInitialMember_andBadInputCreatesNothing() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        TestUser carol = people.user("carol");
        Login a = people.login(alice, "phone");
        Login b = people.login(bob, "phone");
        Login c = people.login(carol, "phone");

        Map<String, String> before = Groups.snapshot();
        assertProblem(rest.post("/api/groups", obj("title", "T", "members", Groups.uids(List.of(bob.uid(), "NoSuchUser1"))),
                a.token()), 404, "not_found");
        assertProblem(rest.post("/api/groups", obj("members", Groups.uids(List.of(bob.uid()))), a.token()), 400, "invalid_field");
        assertProblem(rest.post("/api/groups", obj("title", "", "members", Groups.uids(List.of(bob.uid()))), a.token()),
                400, "invalid_field");
        assertProblem(rest.post("/api/groups", obj("title", "x".repeat(65)), a.token()), 400, "invalid_field");
        assertProblem(rest.post("/api/groups", obj("title", "bell\u0007"), a.token()), 400, "invalid_field");
        assertProblem(rest.post("/api/groups", obj("title", "T", "description", "d".repeat(257)), a.token()), 400, "invalid_field");
        assertEquals(before, Groups.snapshot(), "no refused create left anything behind");
        assertEquals(0, rest.get("/api/groups", a.token()).structure().asJsonArray().size());

        // Duplicates and the creator himself in the list are ignored.
        JsonObject view = Groups.createView(rest, a, "Trio", false, List.of(bob.uid(), bob.uid(), carol.uid(), alice.uid()));
        String gid = view.getString("gid");
        assertFalse(gid.isEmpty());
        assertEquals("Trio", view.getString("title"));
        assertEquals(alice.uid(), view.getString("owner"));
        assertEquals(3, view.getInt("member_count"));
        assertEquals("owner", view.getString("role"));
        assertFalse(view.getBoolean("muted"));
        assertFalse(view.getBoolean("open"));
        assertTrue(view.getJsonNumber("created_at").longValue() > 0);

        Map<String, JsonObject> members = Groups.members(rest, gid, b);
        assertEquals(Set.of(alice.uid(), bob.uid(), carol.uid()), members.keySet());
        assertEquals("owner", members.get(alice.uid()).getString("role"));
        assertEquals("member", members.get(bob.uid()).getString("role"));
        assertEquals(carol.account(), members.get(carol.uid()).getString("account"));
        assertFalse(members.get(carol.uid()).getBoolean("muted"));
        assertTrue(members.get(carol.uid()).getJsonNumber("joined_at").longValue() > 0);
        JsonObject bobsList = rest.get("/api/groups", b.token()).structure().asJsonArray().getJsonObject(0);
        assertEquals(gid, bobsList.getString("gid"));
        assertEquals("member", bobsList.getString("role"), "the role is the caller's own");

        // Every initial member's device (created before the group) finds the join notice in its backlog.
        for (Login device : List.of(a, b, c)) {
            try (WsClient socket = people.connect(device)) {
                JsonObject notice = nextNotice(socket, device, "group_member_join");
                Set<String> joined = Groups.joined(notice);
                // The listed members are named; whether the creator is as well is left to the server.
                assertTrue(joined.containsAll(Set.of(bob.uid(), carol.uid())) && members.keySet().containsAll(joined), notice::toString);
                assertJoinNotice(notice, alice.uid(), device.uid(), gid, joined, 3);
                assertQuiet(socket, "one notice per event");
            }
        }
    }

    @Test
    void laterJoiner_getsNothingFromBeforeItsJoin_neitherAsBacklogNorInHistory() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        TestUser carol = people.user("carol");
        Login a = people.login(alice, "phone");
        Login b = people.login(bob, "phone");
        // Carol's device exists all along: only her membership decides what she gets.
        Login c = people.login(carol, "phone");
        String gid = people.group(a, "Later", bob);

        JsonObject m1;
        JsonObject m2;
        JsonObject m3;
        try (WsClient aws = people.connect(a)) {
            nextNotice(aws, a, "group_member_join");
            m1 = Groups.send(aws, a, gid, "before carol 1");
            m2 = Groups.send(aws, a, gid, "before carol 2");
            assertEquals(List.of(1L, 2L), List.of(m1.getJsonNumber("seq").longValue(), m2.getJsonNumber("seq").longValue()));

            Groups.addMembers(rest, gid, a, List.of(carol.uid(), bob.uid()));
            assertJoinNotice(nextNotice(aws, a, "group_member_join"), alice.uid(), alice.uid(), gid, Set.of(carol.uid()), 3);
            m3 = Groups.send(aws, a, gid, "after carol");
            assertEquals(3, m3.getJsonNumber("seq").longValue());
        }

        try (WsClient cws = people.connect(c)) {
            // Her backlog: the join notice and m3, in whichever order the two streams interleave.
            List<JsonObject> backlog = Groups.next(cws, 2);
            JsonObject notice = ofType(backlog, "S2C");
            JsonObject message = ofType(backlog, "C2G");
            assertJoinNotice(notice, alice.uid(), carol.uid(), gid, Set.of(carol.uid()), 3);
            assertEquals(m3.getString("id"), message.getString("id"), message::toString);
            assertEquals(3, message.getJsonNumber("seq").longValue());
            assertEquals(alice.uid(), message.getString("from"));
            assertEquals(gid, message.getString("to"));
            assertEquals("after carol", message.getJsonObject("payload").getString("text"));
            backlog.forEach(frame -> Groups.ackFrame(cws, c, frame));
            assertQuiet(cws, "nothing from before her join");
        }

        JsonObject history = Groups.history(rest, gid, c, "");
        assertEquals(List.of(m3.getString("id")), Groups.ids(history.getJsonArray("messages")));
        assertFalse(history.getBoolean("has_more"), "nothing older is hers");
        assertEquals(List.of(), Groups.ids(Groups.history(rest, gid, c, "?before=3").getJsonArray("messages")));
        assertEquals(List.of(m1.getString("id"), m2.getString("id"), m3.getString("id")),
                Groups.ids(Groups.history(rest, gid, b, "").getJsonArray("messages")), "earlier members keep the whole history");
    }

    @Test
    void openGroup_anyoneMayJoin_closedGroupIsForbidden() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        TestUser dave = people.user("dave");
        TestUser erin = people.user("erin");
        Login a = people.login(alice, "phone");
        Login d = people.login(dave, "phone");
        Login e = people.login(erin, "phone");
        JsonObject openView = Groups.createView(rest, a, "Open house", true, List.of(bob.uid()));
        assertTrue(openView.getBoolean("open"));
        String open = openView.getString("gid");
        String closed = people.group(a, "Closed", bob);

        try (WsClient aws = people.connect(a)) {
            nextNotice(aws, a, "group_member_join");
            nextNotice(aws, a, "group_member_join");
            // The acks handled before the snapshot: a late one would show as a change.
            Groups.sync(aws);

            Map<String, String> before = Groups.snapshot();
            assertProblem(rest.post("/api/groups/" + closed + "/join", "{}", d.token()), 403, "forbidden");
            assertProblem(rest.post("/api/groups/NoSuchGroup1/join", "{}", d.token()), 404, "not_found");
            assertProblem(rest.get("/api/groups/" + closed, d.token()), 404, "not_found");
            assertEquals(before, Groups.snapshot());
            assertQuiet(aws, "a refused join tells nobody");

            assertEquals(204, rest.post("/api/groups/" + open + "/join", "{}", d.token()).status());
            assertJoinNotice(nextNotice(aws, a, "group_member_join"), dave.uid(), alice.uid(), open, Set.of(dave.uid()), 3);
            JsonObject davesView = Groups.detail(rest, open, d);
            assertEquals("member", davesView.getString("role"));
            assertEquals(3, davesView.getInt("member_count"));
            assertEquals(List.of(open), rest.get("/api/groups", d.token()).structure().asJsonArray()
                    .getValuesAs(JsonObject.class).stream().map(g -> g.getString("gid")).toList());

            // Joining again is harmless: no change, no second notice.
            Groups.sync(aws);
            Map<String, String> joined = Groups.snapshot();
            assertEquals(204, rest.post("/api/groups/" + open + "/join", "{}", d.token()).status());
            assertEquals(joined, Groups.snapshot());
            assertQuiet(aws, "no notice for a join that changed nothing");

            // Closing the group stops newcomers but keeps those in.
            Rest.Reply edit = rest.send("PATCH", "/api/groups/" + open, obj("open", false).toString(), a.token());
            assertEquals(200, edit.status(), edit::toString);
            assertFalse(edit.json().getBoolean("open"));
            assertProblem(rest.post("/api/groups/" + open + "/join", "{}", e.token()), 403, "forbidden");
            assertEquals(3, Groups.detail(rest, open, d).getInt("member_count"));
        }
        try (WsClient dws = people.connect(d)) {
            assertJoinNotice(nextNotice(dws, d, "group_member_join"), dave.uid(), dave.uid(), open, Set.of(dave.uid()), 3);
            assertQuiet(dws, "the joiner is told once");
        }
    }

    @Test
    void leaveAndKick_stopEverythingAfterwards_dropTheBacklog_andCloseTheHistory() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        TestUser carol = people.user("carol");
        TestUser dave = people.user("dave");
        Login a = people.login(alice, "phone");
        Login b = people.login(bob, "phone");
        String gid = people.group(a, "Leavers", bob, carol, dave);
        // Carol's and Dave's devices come after the creation (its notice is not the point here) but
        // before any message, so messages pile up in the backlogs of the offline ones.
        Login c = people.login(carol, "phone");
        Login dPhone = people.login(dave, "phone");
        Login dTablet = people.login(dave, "tablet");

        JsonObject m1;
        JsonObject m2;
        try (WsClient aws = people.connect(a); WsClient bws = people.connect(b); WsClient dws = people.connect(dPhone)) {
            nextNotice(aws, a, "group_member_join");
            nextNotice(bws, b, "group_member_join");
            m1 = Groups.send(aws, a, gid, "m1");
            assertEquals(m1.getString("id"), nextMessage(bws, b).getString("id"));
            assertEquals(m1.getString("id"), nextMessage(dws, dPhone).getString("id"));

            // Carol leaves while m1 waits, undelivered, in her phone's backlog.
            Groups.remove(rest, gid, c, carol.uid());
            for (var pair : List.of(Map.entry(aws, a), Map.entry(bws, b), Map.entry(dws, dPhone))) {
                assertNotice(nextNotice(pair.getKey(), pair.getValue(), "group_member_leave"), carol.uid(), pair.getValue().uid(),
                        leavePayload(gid, carol.uid(), 3));
            }

            // The owner removes Dave: his phone is connected, his tablet holds m1.
            Groups.remove(rest, gid, a, dave.uid());
            for (var pair : List.of(Map.entry(aws, a), Map.entry(bws, b), Map.entry(dws, dPhone))) {
                assertNotice(nextNotice(pair.getKey(), pair.getValue(), "group_member_leave"), alice.uid(), pair.getValue().uid(),
                        leavePayload(gid, dave.uid(), 2));
            }

            m2 = Groups.send(aws, a, gid, "m2, after both left");
            assertEquals(m2.getString("id"), nextMessage(bws, b).getString("id"));
            assertQuiet(dws, "removed: nothing sent afterwards reaches him");
        }

        // Each one's backlog holds its leave notice only: m1 was dropped, m2 was never theirs.
        try (WsClient cws = people.connect(c)) {
            assertNotice(nextNotice(cws, c, "group_member_leave"), carol.uid(), carol.uid(), leavePayload(gid, carol.uid(), 3));
            assertQuiet(cws, "her undelivered backlog was dropped at leave");

            // She can no longer send, and nothing is stored.
            String id = newId();
            cws.send(c2g(id, gid, "still here?"));
            assertError(cws.nextJson(WAIT), id, "not_a_member");
            assertEquals(0, Groups.stored(id));
        }
        try (WsClient tws = people.connect(dTablet)) {
            assertNotice(nextNotice(tws, dTablet, "group_member_leave"), alice.uid(), dave.uid(), leavePayload(gid, dave.uid(), 2));
            assertQuiet(tws, "his undelivered backlog was dropped at removal");
        }

        for (Login gone : List.of(c, dPhone)) {
            assertProblem(rest.get("/api/conversations/C2G/" + gid + "/messages", gone.token()), 404, "not_found");
            assertProblem(rest.get("/api/groups/" + gid, gone.token()), 404, "not_found");
            assertEquals(0, rest.get("/api/groups", gone.token()).structure().asJsonArray().size());
            assertNull(Groups.recentEntry(rest, gid, gone), "no longer among the recent conversations");
        }
        assertEquals(List.of(m1.getString("id"), m2.getString("id")),
                Groups.ids(Groups.history(rest, gid, b, "").getJsonArray("messages")));
        assertEquals(Set.of(alice.uid(), bob.uid()), Groups.members(rest, gid, b).keySet());
        assertEquals(2, Groups.detail(rest, gid, b).getInt("member_count"));
    }

    @Test
    void dissolve_tellsEveryMember_andTheGroupIsGoneForEveryone() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        TestUser carol = people.user("carol");
        Login a = people.login(alice, "phone");
        Login b = people.login(bob, "phone");
        String gid = people.group(a, "Short-lived", bob, carol);

        Login c;
        try (WsClient aws = people.connect(a); WsClient bws = people.connect(b)) {
            nextNotice(aws, a, "group_member_join");
            nextNotice(bws, b, "group_member_join");
            Groups.send(aws, a, gid, "last words");
            nextMessage(bws, b);
            // Carol's device arrives after creation and message, so its backlog can only hold what dissolving adds.
            c = people.login(carol, "phone");

            assertEquals(204, rest.send("DELETE", "/api/groups/" + gid, null, a.token()).status());
            assertNotice(nextNotice(aws, a, "group_dissolve"), alice.uid(), alice.uid(), dissolvePayload(gid));
            assertNotice(nextNotice(bws, b, "group_dissolve"), alice.uid(), bob.uid(), dissolvePayload(gid));

            // Nobody is a member any more: the former owner included.
            for (var pair : List.of(Map.entry(aws, a), Map.entry(bws, b))) {
                String id = newId();
                pair.getKey().send(c2g(id, gid, "anyone?"));
                assertError(pair.getKey().nextJson(WAIT), id, "not_a_member");
                assertEquals(0, Groups.stored(id));
            }
        }
        try (WsClient cws = people.connect(c)) {
            assertNotice(nextNotice(cws, c, "group_dissolve"), alice.uid(), carol.uid(), dissolvePayload(gid));
            assertQuiet(cws, "one notice");
        }

        for (Login former : List.of(a, b, c)) {
            assertProblem(rest.get("/api/groups/" + gid, former.token()), 404, "not_found");
            assertProblem(rest.get("/api/conversations/C2G/" + gid + "/messages", former.token()), 404, "not_found");
            assertEquals(0, rest.get("/api/groups", former.token()).structure().asJsonArray().size());
        }
        Map<String, String> before = Groups.snapshot();
        assertProblem(rest.send("DELETE", "/api/groups/" + gid, null, a.token()), 404, "not_found");
        assertProblem(rest.send("PATCH", "/api/groups/" + gid, obj("title", "revived").toString(), a.token()), 404, "not_found");
        assertProblem(rest.post("/api/groups/" + gid + "/members", obj("uids", Groups.uids(List.of(bob.uid()))), a.token()),
                404, "not_found");
        assertProblem(rest.post("/api/groups/" + gid + "/join", "{}", b.token()), 404, "not_found");
        assertEquals(before, Groups.snapshot());
    }

    private static JsonObject ofType(List<JsonObject> frames, String type) {
        return frames.stream().filter(f -> type.equals(f.getString("type"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + frames));
    }
}
