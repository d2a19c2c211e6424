package io.chorus.it.jim;

import static io.chorus.it.support.Frames.ack;
import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.JimClient;
import io.chorus.it.support.JimWire;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JIM roster (CMD 0x80–0x8A) against the friend workflow of dialect A: a JIM-only user and a
 * /ws user become friends from either side, accept or reject on either side, see one friend list
 * with their remarks, and hear of it in their own dialect, live and from the backlog; bad input is
 * answered with the Go server's result numbers and changes nothing.
 */
class JimRosterIT extends BlackBoxIT {
    private static final Duration QUIET = Duration.ofMillis(800);

    @Test
    void jimAsks_wsAccepts_bothListEachOther_andTheJimApplicantHearsItLive() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        Login a = people.login(alice, "phone");
        try (WsClient aws = people.connect(a); JimClient b = people.jim(bob, 1)) {
            people.awaitOnline(a);
            JsonObject asked = b.call(JimWire.ROSTER_REQUEST, obj("fuid", Jim.uid(bob), "tuid", Jim.uid(alice), "verify", "hi, it's bob",
                    "remark", "Ally", "group", "work"));
            assertEquals(0, asked.getInt("code"), asked::toString);
            long rrid = asked.getJsonNumber("rrid").longValue();
            assertTrue(rrid > 0);

            JsonObject apply = aws.nextJson();
            JsonObject payload = apply.getJsonObject("payload");
            assertEquals("apply_friend", payload.getString("custom_type"), apply::toString);
            assertEquals(bob.uid(), apply.getString("from"));
            assertEquals("hi, it's bob", payload.getJsonObject("from").getString("msg"));
            aws.send(ack("S2C", apply.getString("id"), a.did()));

            Rest.Reply accepted = rest.post("/api/friends/requests/" + payload.getString("request_id") + "/accept",
                    obj("remark", "Bobby").toString(), a.token());
            assertEquals(200, accepted.status(), accepted::toString);

            assertEquals(obj("fuid", Jim.uid(bob), "tuid", Jim.uid(alice), "type", 1, "rrid", rrid),
                    b.nextRequest(JimWire.HANDLE_ROSTER_REQUEST_NOTIFICATION));
            JsonObject changed = b.nextRequest(JimWire.ROSTER_CHANGED_NOTIFICATION);
            assertEquals(Jim.uid(bob), changed.getJsonNumber("uid").longValue());
            assertEquals(Jim.uid(alice), changed.getJsonNumber("ruid").longValue());
            assertEquals(1, changed.getInt("t"));

            JsonObject roster = b.call(JimWire.GET_ALL_ROSTER, obj("uid", Jim.uid(bob)));
            assertEquals(Jim.uid(bob), roster.getJsonNumber("uid").longValue());
            assertEquals(1, roster.getJsonArray("rs").size(), roster::toString);
            JsonObject entry = roster.getJsonArray("rs").getJsonObject(0);
            assertEquals(Jim.uid(alice), entry.getJsonNumber("ruid").longValue());
            assertEquals("Ally", entry.getString("r"));
            assertEquals("work", entry.getString("g"));
            assertEquals("Bobby", friendsOf(a).get(0).getString("remark"));
            assertNull(b.poll(QUIET));
        }
    }

    @Test
    void wsAsks_offlineJimAccepts_fromTheBacklog_andTheWsApplicantIsConfirmed() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        people.jim(bob, 2).close();
        Login a = people.login(alice, "phone");
        Rest.Reply asked = rest.post("/api/friends/requests", obj("to", bob.uid(), "msg", "from alice").toString(), a.token());
        assertEquals(201, asked.status(), asked::toString);

        try (WsClient aws = people.connect(a); JimClient b = people.jim(bob, 2)) {
            JsonObject pushed = b.nextRequest(JimWire.ROSTER_REQUEST);
            long rrid = pushed.getJsonNumber("rrid").longValue();
            assertEquals(Jim.uid(alice), pushed.getJsonNumber("fuid").longValue());
            assertEquals(Jim.uid(bob), pushed.getJsonNumber("tuid").longValue());
            assertEquals("from alice", pushed.getString("verify"));
            assertEquals(1, pushed.getInt("status"));

            JsonObject waiting = b.call(JimWire.GET_ROSTER_REQUESTS, obj("uid", Jim.uid(bob)));
            assertEquals(1, waiting.getJsonArray("rs").size(), waiting::toString);
            assertEquals(rrid, waiting.getJsonArray("rs").getJsonObject(0).getJsonNumber("rrid").longValue());

            assertEquals(obj("code", 0, "rrid", rrid), b.call(JimWire.HANDLE_ROSTER_REQUEST, obj("rrid", rrid, "type", 1, "remark", "Al")));
            JsonObject confirm = aws.nextJson();
            assertEquals("apply_friend_confirm", confirm.getJsonObject("payload").getString("custom_type"), confirm::toString);
            assertEquals(bob.uid(), confirm.getString("from"));

            JsonObject mine = b.call(JimWire.GET_ROSTERS, obj("uid", Jim.uid(bob), "ruids", Json.createArrayBuilder().add(Jim.uid(alice))
                    .add(Jim.uid(bob)).build()));
            assertEquals(1, mine.getJsonArray("rs").size(), mine::toString);
            assertEquals("Al", mine.getJsonArray("rs").getJsonObject(0).getString("r"));
            assertEquals(bob.uid(), friendsOf(a).get(0).getString("uid"));
            assertEquals(0, b.call(JimWire.GET_ROSTER_REQUESTS, obj()).getJsonArray("rs").size());
        }
        // Written was delivered: the next sign-in replays nothing.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pending(bob) == 0);
    }

    @Test
    void rejectOnEitherSide_makesNoFriends_andTheApplicantMayAskAgain() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        Login a = people.login(alice, "phone");
        try (WsClient aws = people.connect(a); JimClient b = people.jim(bob, 1)) {
            people.awaitOnline(a);
            // JIM asks, /ws rejects: JIM hears nothing (no notice exists for a rejection).
            long rrid = b.call(JimWire.ROSTER_REQUEST, obj("tuid", Jim.uid(alice))).getJsonNumber("rrid").longValue();
            JsonObject apply = aws.nextJson();
            aws.send(ack("S2C", apply.getString("id"), a.did()));
            assertEquals(200, rest.post("/api/friends/requests/" + apply.getJsonObject("payload").getString("request_id") + "/reject", "{}",
                    a.token()).status());
            assertNull(b.poll(QUIET));
            assertEquals(0, b.call(JimWire.GET_ALL_ROSTER, obj()).getJsonArray("rs").size());
            // Deciding it again from JIM's side is not possible: it is not addressed to bob.
            assertEquals(2, b.call(JimWire.HANDLE_ROSTER_REQUEST, obj("rrid", rrid, "type", 1)).getInt("code"));

            // /ws asks, JIM rejects; the rejected request cannot be accepted after all (3 HandleAlready).
            Rest.Reply asked = rest.post("/api/friends/requests", obj("to", bob.uid()).toString(), a.token());
            assertEquals(201, asked.status(), asked::toString);
            long second = b.nextRequest(JimWire.ROSTER_REQUEST).getJsonNumber("rrid").longValue();
            assertEquals(obj("code", 0, "rrid", second), b.call(JimWire.HANDLE_ROSTER_REQUEST, obj("rrid", second, "type", 2)));
            JsonObject again = b.call(JimWire.HANDLE_ROSTER_REQUEST, obj("rrid", second, "type", 1));
            assertEquals(3, again.getInt("code"), again::toString);
            assertEquals("request_closed", again.getString("reason"));
            assertTrue(friendsOf(a).isEmpty());
            assertNull(aws.pollText(QUIET));

            // Rejected is not final: asking again works.
            assertEquals(0, b.call(JimWire.ROSTER_REQUEST, obj("tuid", Jim.uid(alice))).getInt("code"));
        }
    }

    @Test
    void setAndRemoveRoster_changeTheOneFriendListBothDialectsSee() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login a = people.login(alice, "phone");
        try (JimClient b = people.jim(bob, 1)) {
            assertEquals(obj("code", 0), b.call(JimWire.SET_ROSTER, obj("uid", Jim.uid(bob), "ruid", Jim.uid(alice), "r", "Alice W.",
                    "g", "family")));
            JsonObject entry = b.call(JimWire.GET_ALL_ROSTER, obj()).getJsonArray("rs").getJsonObject(0);
            assertEquals("Alice W.", entry.getString("r"));
            assertEquals("family", entry.getString("g"));
            // What REST shows for bob's entry is the same list.
            Login bRest = people.login(bob, "rest");
            JsonObject viaRest = friendsOf(bRest).get(0);
            assertEquals("Alice W.", viaRest.getString("remark"));
            assertEquals("family", viaRest.getString("role"));

            // A field left out stays; REST's change shows on JIM.
            assertEquals(204, rest.send("PATCH", "/api/friends/" + alice.uid(), obj("remark", "A.").toString(), bRest.token()).status());
            entry = b.call(JimWire.GET_ROSTERS, obj("ruids", Json.createArrayBuilder().add(Jim.uid(alice)).build()))
                    .getJsonArray("rs").getJsonObject(0);
            assertEquals("A.", entry.getString("r"));
            assertEquals("family", entry.getString("g"));

            // One-sided, as a REST delete: alice still lists bob.
            assertEquals(obj("code", 0, "uid", Jim.uid(bob), "ruid", Jim.uid(alice)),
                    b.call(JimWire.REMOVE_ROSTER, obj("uid", Jim.uid(bob), "ruid", Jim.uid(alice))));
            assertEquals(0, b.call(JimWire.GET_ALL_ROSTER, obj()).getJsonArray("rs").size());
            assertEquals(1, friendsOf(a).size());
            assertEquals(2, b.call(JimWire.REMOVE_ROSTER, obj("ruid", Jim.uid(alice))).getInt("code"));
            assertEquals(2, b.call(JimWire.SET_ROSTER, obj("ruid", Jim.uid(alice), "r", "x")).getInt("code"));
        }
    }

    @Test
    void ignoreList_isTheDenylist_andRefusesTheIgnoredUsersRequests() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        try (JimClient a = people.jim(alice, 1); JimClient b = people.jim(bob, 1)) {
            assertEquals(obj("code", 0), a.call(JimWire.SET_IGNORE_ROSTER_REQUEST, obj("uid", Jim.uid(alice), "ruid", Jim.uid(bob), "type", 1)));
            JsonObject refused = b.call(JimWire.ROSTER_REQUEST, obj("tuid", Jim.uid(alice)));
            assertEquals(5, refused.getInt("code"), refused::toString);
            assertEquals("in_denylist", refused.getString("reason"));
            assertEquals(0, refused.getJsonNumber("rrid").longValue());
            Login aRest = people.login(alice, "rest");
            assertEquals(bob.uid(), rest.get("/api/denylist", aRest.token()).structure().asJsonArray().getJsonObject(0).getString("uid"));

            assertEquals(obj("code", 0), a.call(JimWire.SET_IGNORE_ROSTER_REQUEST, obj("ruid", Jim.uid(bob), "type", 0)));
            assertEquals(0, b.call(JimWire.ROSTER_REQUEST, obj("tuid", Jim.uid(alice))).getInt("code"));
            assertEquals(Jim.uid(bob), a.nextRequest(JimWire.ROSTER_REQUEST).getJsonNumber("fuid").longValue());
        }
    }

    @Test
    void badInput_getsTheSeedsResultNumbers_andChangesNothing() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        TestUser carol = people.user("carol");
        try (JimClient b = people.jim(bob, 1)) {
            long before = Db.count("select count(*) from friend_request");
            assertRefused(b.call(JimWire.ROSTER_REQUEST, obj("tuid", "bob")), 1, "invalid_field");
            assertRefused(b.call(JimWire.ROSTER_REQUEST, obj()), 1, "invalid_field");
            assertRefused(b.call(JimWire.ROSTER_REQUEST, obj("tuid", Jim.uid(bob))), 1, "invalid_field");
            assertRefused(b.call(JimWire.ROSTER_REQUEST, obj("tuid", Long.MAX_VALUE / 2)), 3, "not_found");
            assertRefused(b.call(JimWire.ROSTER_REQUEST, obj("tuid", Jim.uid(alice))), 4, "already_friends");
            assertRefused(b.call(JimWire.ROSTER_REQUEST, obj("tuid", Jim.uid(carol), "verify", "x".repeat(301))), 1, "invalid_field");
            assertEquals(before, Db.count("select count(*) from friend_request"));

            assertRefused(b.call(JimWire.SET_ROSTER, obj("ruid", Jim.uid(alice), "r", 5)), 1, "invalid_field");
            assertRefused(b.call(JimWire.SET_ROSTER, obj("ruid", Jim.uid(alice), "r", "\u0007bell")), 1, "invalid_field");
            assertRefused(b.call(JimWire.HANDLE_ROSTER_REQUEST, obj("rrid", 1, "type", 3)), 1, "invalid_field");
            assertRefused(b.call(JimWire.HANDLE_ROSTER_REQUEST, obj("type", 1)), 1, "invalid_field");
            assertRefused(b.call(JimWire.SET_IGNORE_ROSTER_REQUEST, obj("ruid", Jim.uid(bob), "type", 1)), 1, "invalid_field");
            assertRefused(b.call(JimWire.SET_IGNORE_ROSTER_REQUEST, obj("ruid", Jim.uid(alice), "type", 7)), 1, "invalid_field");
            assertNull(b.call(JimWire.GET_ALL_ROSTER, obj()).getJsonArray("rs").getJsonObject(0).get("r"));

            // Another user's roster is not a result number: an Error packet, as for history.
            var foreign = b.request(JimWire.GET_ALL_ROSTER, obj("uid", Jim.uid(alice)));
            assertEquals(JimWire.ERROR, foreign.type());
            assertEquals("forbidden", foreign.json().getString("reason"));
            var notJson = b.request(JimWire.GET_ROSTERS, obj("ruids", "all"));
            assertEquals(JimWire.ERROR, notJson.type());
            assertEquals("invalid_field", notJson.json().getString("reason"));
            // The server's own notifications and the change logs are not served.
            for (int cmd : List.of(JimWire.ROSTER_CHANGED_NOTIFICATION, JimWire.GET_ROSTER_CHANGED, JimWire.GROUP_CHANGED_NOTIFICATION)) {
                var answer = b.request(cmd, obj());
                assertEquals(JimWire.ERROR, answer.type(), answer::toString);
                assertEquals("unknown_command", answer.json().getString("reason"));
            }
            assertNull(b.poll(QUIET));
        }
    }

    private static void assertRefused(JsonObject reply, int code, String reason) {
        assertEquals(code, reply.getInt("code"), reply::toString);
        assertEquals(reason, reply.getString("reason"), reply::toString);
    }

    private List<JsonObject> friendsOf(Login login) {
        return rest.get("/api/friends", login.token()).structure().asJsonArray().getValuesAs(JsonObject.class);
    }

    private static long pending(TestUser user) {
        return Db.count("select count(*) from delivery d join device v on v.id = d.device_id join app_user u on u.id = v.user_id "
                + "where u.account = ?", user.account());
    }
}
