package io.chorus.it.friend;

import static io.chorus.it.support.Frames.ack;
import static io.chorus.it.support.Frames.assertRefusal;
import static io.chorus.it.support.Frames.c2c;
import static io.chorus.it.support.Frames.newId;
import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The friend workflow against the real server: requests, decisions, the gate on one-to-one sends. */
class FriendsIT extends BlackBoxIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofMillis(800);
    /** The seed's apply_friend fields, as the applicant sends them. */
    private static final String SEED_MSG = "我是 nick leeyi👍🏻👍🏻就";

    @Test
    void requestThenAccept_deliversBothSeedNotices_andOpensTheChat() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        Login alicePhone = people.login(alice, "phone");
        Login bobPhone = people.login(bob, "phone");
        try (WsClient a = people.connect(alicePhone); WsClient b = people.connect(bobPhone)) {
            // Not friends yet: the gate refuses with the seed's notice and stores nothing.
            String early = newId();
            a.send(c2c(early, bob.uid(), "too soon"));
            assertRefusal(a.nextJson(WAIT), early, alice.uid(), "not_a_friend");
            assertEquals(0, Db.count("select count(*) from message where wire_id = ?", early));

            Rest.Reply sent = rest.post("/api/friends/requests", obj("to", bob.uid(), "msg", SEED_MSG, "source", "qrcode",
                    "remark", "leeyi101", "role", "all", "donotlookhim", false, "donotlethimlook", true), alicePhone.token());
            assertEquals(201, sent.status(), sent::toString);
            String rid = sent.json().getString("id");
            assertEquals("pending", sent.json().getString("status"));

            JsonObject apply = b.nextJson(WAIT);
            assertEquals("S2C", apply.getString("type"), apply::toString);
            assertEquals("af_" + alice.uid() + "_" + bob.uid() + "_" + rid, apply.getString("id"));
            assertEquals(alice.uid(), apply.getString("from"));
            assertEquals(bob.uid(), apply.getString("to"));
            JsonObject payload = apply.getJsonObject("payload");
            assertEquals("custom", payload.getString("msg_type"));
            assertEquals("apply_friend", payload.getString("custom_type"));
            assertEquals(rid, payload.getString("request_id"));
            assertEquals(obj("source", "qrcode", "msg", SEED_MSG, "remark", "leeyi101", "role", "all",
                    "donotlookhim", false, "donotlethimlook", true), payload.getJsonObject("from"));
            assertEquals(obj(), payload.getJsonObject("to"));
            b.send(ack("S2C", apply.getString("id"), bobPhone.did()));

            Rest.Reply accepted = rest.post("/api/friends/requests/" + rid + "/accept", obj("remark", "ally"), bobPhone.token());
            assertEquals(200, accepted.status(), accepted::toString);
            assertEquals("accepted", accepted.json().getString("status"));

            JsonObject confirm = a.nextJson(WAIT);
            assertEquals("S2C", confirm.getString("type"), confirm::toString);
            assertEquals("afc_" + bob.uid() + "_" + alice.uid() + "_" + rid, confirm.getString("id"));
            assertEquals(bob.uid(), confirm.getString("from"));
            assertEquals("apply_friend_confirm", confirm.getJsonObject("payload").getString("custom_type"));
            a.send(ack("S2C", confirm.getString("id"), alicePhone.did()));

            // Both ways now.
            String hello = newId();
            a.send(c2c(hello, bob.uid(), "hello bob"));
            assertEquals("C2C_SERVER_ACK", a.nextJson(WAIT).getString("type"));
            assertEquals(hello, b.nextJson(WAIT).getString("id"));
            String back = newId();
            b.send(c2c(back, alice.uid(), "hello alice"));
            assertEquals("C2C_SERVER_ACK", b.nextJson(WAIT).getString("type"));
            assertEquals(back, a.nextJson(WAIT).getString("id"));

            // Each list shows the other with the owner's own settings and presence.
            JsonObject bobInAlice = onlyFriend(alicePhone);
            assertEquals(bob.uid(), bobInAlice.getString("uid"));
            assertEquals("leeyi101", bobInAlice.getString("remark"));
            assertTrue(bobInAlice.getBoolean("donotlethimlook"));
            assertEquals("online", bobInAlice.getString("presence"));
            JsonObject aliceInBob = onlyFriend(bobPhone);
            assertEquals("ally", aliceInBob.getString("remark"));
            assertEquals(alice.account(), aliceInBob.getString("account"));
        }
        // The acknowledged notices left no backlog behind.
        assertEquals(0, Db.count("select count(*) from delivery d join conversation c on c.id = d.conversation_id "
                + "join device v on v.id = d.device_id join app_user u on u.id = v.user_id where c.kind = 'S2C' and u.account in (?, ?)",
                alice.account(), bob.account()));
    }

    @Test
    void unacknowledgedNotice_waitsInTheBacklog_untilTheDeviceAcksIt() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        Login alicePhone = people.login(alice, "phone");
        Login bobPhone = people.login(bob, "phone");
        Login bobLaptop = people.login(bob, "laptop");
        String rid = request(alicePhone, bob).getString("id");

        String noticeId;
        try (WsClient b = people.connect(bobPhone)) {
            noticeId = b.nextJson(WAIT).getString("id");
        }
        try (WsClient b = people.connect(bobPhone)) {
            JsonObject again = b.nextJson(WAIT);
            assertEquals(noticeId, again.getString("id"), "not acknowledged, so replayed");
            b.send(ack("S2C", noticeId, bobPhone.did()));
            assertNull(b.pollText(QUIET), "an S2C ack is not answered");
        }
        try (WsClient b = people.connect(bobPhone)) {
            assertNull(b.pollText(QUIET), "acknowledged: nothing left for the phone");
        }
        try (WsClient laptop = people.connect(bobLaptop)) {
            JsonObject copy = laptop.nextJson(WAIT);
            assertEquals(noticeId, copy.getString("id"), "the laptop keeps its own copy");
            assertEquals(rid, copy.getJsonObject("payload").getString("request_id"));
            laptop.send(ack("C2C", noticeId, bobLaptop.did()));
            assertEquals("unknown_message", laptop.nextJson(WAIT).getJsonObject("payload").getString("reason"),
                    "a notice is acknowledged as S2C, not as a message");
        }
    }

    @Test
    void concurrentRequests_leaveOneOpenRequestPerPair() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        TestUser carol = people.user("carol");
        Login a = people.login(alice, "phone");
        Login b = people.login(bob, "phone");
        Login c = people.login(carol, "phone");

        // The same request twice at once: one creates it, the other gets the same request back.
        List<Rest.Reply> same = all(() -> rest.post("/api/friends/requests", obj("to", bob.uid()), a.token()),
                () -> rest.post("/api/friends/requests", obj("to", bob.uid()), a.token()));
        assertEquals(List.of(200, 201), same.stream().map(Rest.Reply::status).sorted().toList(), same::toString);
        assertEquals(same.get(0).json().getString("id"), same.get(1).json().getString("id"));
        assertEquals(1, openRequests(alice, bob));

        // Opposite directions at once: one request, the other side is told to accept it instead.
        List<Rest.Reply> crossed = all(() -> rest.post("/api/friends/requests", obj("to", carol.uid()), a.token()),
                () -> rest.post("/api/friends/requests", obj("to", alice.uid()), c.token()));
        assertEquals(List.of(201, 409), crossed.stream().map(Rest.Reply::status).sorted().toList(), crossed::toString);
        assertEquals("request_pending", crossed.stream().filter(r -> r.status() == 409).findFirst().orElseThrow().reason());
        assertEquals(1, openRequests(alice, carol));

        // Bob has exactly one notice for it.
        try (WsClient bobSocket = people.connect(b)) {
            assertEquals("S2C", bobSocket.nextJson(WAIT).getString("type"));
            assertNull(bobSocket.pollText(QUIET));
        }
    }

    @Test
    void acceptingTwice_isHarmless() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        Login a = people.login(alice, "phone");
        Login b = people.login(bob, "phone");
        String rid = request(a, bob).getString("id");

        List<Rest.Reply> accepts = all(() -> rest.post("/api/friends/requests/" + rid + "/accept", "{}", b.token()),
                () -> rest.post("/api/friends/requests/" + rid + "/accept", "{}", b.token()));
        accepts.forEach(reply -> assertEquals(200, reply.status(), reply::toString));
        Rest.Reply third = rest.post("/api/friends/requests/" + rid + "/accept", "{}", b.token());
        assertEquals("accepted", third.json().getString("status"));

        assertEquals(1, Db.count("select count(*) from friendship f join app_user o on o.id = f.owner_id where o.account = ?", alice.account()));
        assertEquals(1, Db.count("select count(*) from friendship f join app_user o on o.id = f.owner_id where o.account = ?", bob.account()));
        try (WsClient aliceSocket = people.connect(a)) {
            assertEquals("apply_friend_confirm", aliceSocket.nextJson(WAIT).getJsonObject("payload").getString("custom_type"));
            assertNull(aliceSocket.pollText(QUIET), "one confirm notice, however often accepted");
        }
        // A decided request cannot be turned around.
        Rest.Reply reject = rest.post("/api/friends/requests/" + rid + "/reject", "{}", b.token());
        assertEquals(409, reject.status());
        assertEquals("request_closed", reject.reason());
    }

    @Test
    void reject_keepsTheGateShut_andTheApplicantMayAskAgain() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        Login a = people.login(alice, "phone");
        Login b = people.login(bob, "phone");
        String rid = request(a, bob).getString("id");

        Rest.Reply rejected = rest.post("/api/friends/requests/" + rid + "/reject", "{}", b.token());
        assertEquals("rejected", rejected.json().getString("status"));
        assertEquals(0, rest.get("/api/friends/requests?box=out", a.token()).structure().asJsonArray().size());
        assertRefusedSend(a, bob, alice, "not_a_friend");

        Rest.Reply again = rest.post("/api/friends/requests", obj("to", bob.uid()), a.token());
        assertEquals(201, again.status());
        assertTrue(!rid.equals(again.json().getString("id")));
    }

    @Test
    void ignore_hidesTheRequestFromTheTarget_butNotFromTheApplicant() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        Login a = people.login(alice, "phone");
        Login b = people.login(bob, "phone");
        String rid = request(a, bob).getString("id");
        assertEquals(1, rest.get("/api/friends/requests?box=in", b.token()).structure().asJsonArray().size());

        assertEquals(200, rest.post("/api/friends/requests/" + rid + "/ignore", "{}", b.token()).status());
        assertEquals(0, rest.get("/api/friends/requests?box=in", b.token()).structure().asJsonArray().size());
        JsonArray outbox = rest.get("/api/friends/requests?box=out", a.token()).structure().asJsonArray();
        assertEquals(1, outbox.size());
        assertEquals("pending", outbox.getJsonObject(0).getString("status"), "the applicant cannot tell");
        assertEquals(bob.uid(), outbox.getJsonObject(0).getJsonObject("user").getString("uid"));

        Rest.Reply again = rest.post("/api/friends/requests", obj("to", bob.uid()), a.token());
        assertEquals(200, again.status(), "asking again finds the open request");
        assertEquals(rid, again.json().getString("id"));
        assertRefusedSend(a, bob, alice, "not_a_friend");

        // Set aside, not lost: bob can still accept it.
        assertEquals("accepted", rest.post("/api/friends/requests/" + rid + "/accept", "{}", b.token()).json().getString("status"));
        assertEquals(1, rest.get("/api/friends", a.token()).structure().asJsonArray().size());
    }

    @Test
    void delete_isOneSided() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login a = people.login(alice, "phone");
        Login b = people.login(bob, "phone");

        assertEquals(204, rest.send("DELETE", "/api/friends/" + alice.uid(), null, b.token()).status());
        assertEquals(404, rest.send("DELETE", "/api/friends/" + alice.uid(), null, b.token()).status(), "already gone");
        assertRefusedSend(a, bob, alice, "not_a_friend");
        // Alice still has bob, so bob may still write to her.
        try (WsClient bobSocket = people.connect(b)) {
            bobSocket.send(c2c(newId(), alice.uid(), "still here"));
            assertEquals("C2C_SERVER_ACK", bobSocket.nextJson(WAIT).getString("type"));
        }
    }

    @Test
    void denylist_refusesMessagesAndRequests_withoutTellingStrangers() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        TestUser mallory = people.user("mallory");
        Login a = people.login(alice, "phone");
        Login b = people.login(bob, "phone");
        Login m = people.login(mallory, "phone");

        assertEquals(204, rest.send("PUT", "/api/denylist/" + alice.uid(), null, b.token()).status());
        assertEquals(204, rest.send("PUT", "/api/denylist/" + alice.uid(), null, b.token()).status(), "idempotent");
        assertEquals(204, rest.send("PUT", "/api/denylist/" + mallory.uid(), null, b.token()).status());
        JsonArray denied = rest.get("/api/denylist", b.token()).structure().asJsonArray();
        assertEquals(Stream.of(alice.uid(), mallory.uid()).sorted().toList(),
                denied.getValuesAs(JsonObject.class).stream().map(o -> o.getString("uid")).sorted().toList());

        assertRefusedSend(a, bob, alice, "in_denylist");
        // Mallory is no friend of bob's: she learns that, not that she is denied.
        assertRefusedSend(m, bob, mallory, "not_a_friend");
        Rest.Reply request = rest.post("/api/friends/requests", obj("to", bob.uid()), m.token());
        assertEquals(403, request.status());
        assertEquals("in_denylist", request.reason());
        // Bob can still write to alice: his deny-list is about what reaches him.
        String oneWay = newId();
        try (WsClient bobSocket = people.connect(b)) {
            bobSocket.send(c2c(oneWay, alice.uid(), "one way"));
            assertEquals("C2C_SERVER_ACK", bobSocket.nextJson(WAIT).getString("type"));
        }

        assertEquals(204, rest.send("DELETE", "/api/denylist/" + alice.uid(), null, b.token()).status());
        try (WsClient aliceSocket = people.connect(a)) {
            assertEquals(oneWay, aliceSocket.nextJson(WAIT).getString("id"), "bob's message waited in her backlog");
            aliceSocket.send(c2c(newId(), bob.uid(), "back again"));
            assertEquals("C2C_SERVER_ACK", aliceSocket.nextJson(WAIT).getString("type"));
        }
    }

    @Test
    void friendEntry_canBeRenamedAndFlagged() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login a = people.login(alice, "phone");

        assertEquals(204, rest.send("PATCH", "/api/friends/" + bob.uid(), obj("remark", "Bobby", "donotlookhim", true).toString(),
                a.token()).status());
        JsonObject entry = onlyFriend(a);
        assertEquals("Bobby", entry.getString("remark"));
        assertTrue(entry.getBoolean("donotlookhim"));
        assertEquals("offline", entry.getString("presence"));
        assertEquals(204, rest.send("PATCH", "/api/friends/" + bob.uid(), obj("role", "chat").toString(), a.token()).status());
        assertEquals("Bobby", onlyFriend(a).getString("remark"), "absent fields stay");
        assertEquals("chat", onlyFriend(a).getString("role"));
    }

    @Test
    void badInput_isRefusedAndChangesNothing() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        Login a = people.login(alice, "phone");
        Map<String, String> before = Db.snapshot();
        long requestsBefore = Db.count("select count(*) from friend_request");

        assertProblem(rest.post("/api/friends/requests", obj("to", alice.uid()), a.token()), 400, "invalid_field");
        assertProblem(rest.post("/api/friends/requests", obj("msg", "who?"), a.token()), 400, "invalid_field");
        assertProblem(rest.post("/api/friends/requests", obj("to", "NoSuchUser1"), a.token()), 404, "not_found");
        assertProblem(rest.post("/api/friends/requests", obj("to", bob.uid(), "msg", "x".repeat(257)), a.token()), 400, "invalid_field");
        assertProblem(rest.post("/api/friends/requests", obj("to", bob.uid(), "remark", "bad\u0007"), a.token()), 400, "invalid_field");
        assertProblem(rest.post("/api/friends/requests", "{\"to\":", a.token()), 400, "malformed");
        assertProblem(rest.post("/api/friends/requests", obj("to", bob.uid(), "donotlookhim", "yes"), a.token()), 400, "malformed");
        assertProblem(rest.get("/api/friends/requests?box=sideways", a.token()), 400, "invalid_field");
        assertProblem(rest.post("/api/friends/requests/NoSuchReq1/accept", "{}", a.token()), 404, "not_found");
        assertProblem(rest.send("PATCH", "/api/friends/" + bob.uid(), obj("remark", "x").toString(), a.token()), 404, "not_found");
        assertProblem(rest.send("PUT", "/api/denylist/NoSuchUser1", null, a.token()), 404, "not_found");
        assertProblem(rest.send("PUT", "/api/denylist/" + alice.uid(), null, a.token()), 400, "invalid_field");
        assertProblem(rest.send("PUT", "/api/me/presence", obj("state", "busy").toString(), a.token()), 400, "invalid_field");
        assertProblem(rest.get("/api/users?q=ab", a.token()), 400, "invalid_field");

        assertEquals(before, Db.snapshot());
        assertEquals(requestsBefore, Db.count("select count(*) from friend_request"));
    }

    @Test
    void userSearch_findsAccountsByPrefix() {
        TestUser zed = people.user("zedsearch");
        Login z = people.login(zed, "phone");
        JsonArray found = rest.get("/api/users?q=" + zed.account().toUpperCase(), z.token()).structure().asJsonArray();
        assertEquals(1, found.size());
        assertEquals(zed.uid(), found.getJsonObject(0).getString("uid"));
        assertEquals(keys("uid", "account", "nickname"), found.getJsonObject(0).keySet(), "no private fields");
    }

    private static java.util.Set<String> keys(String... keys) {
        return java.util.Set.of(keys);
    }

    private JsonObject request(Login from, TestUser to) {
        Rest.Reply reply = rest.post("/api/friends/requests", obj("to", to.uid(), "msg", "hi"), from.token());
        assertEquals(201, reply.status(), reply::toString);
        return reply.json();
    }

    private JsonObject onlyFriend(Login owner) {
        JsonArray list = rest.get("/api/friends", owner.token()).structure().asJsonArray();
        assertEquals(1, list.size(), list::toString);
        return list.getJsonObject(0);
    }

    /** A send from {@code from} to {@code to} is refused with the notice and stores nothing. */
    private void assertRefusedSend(Login from, TestUser to, TestUser sender, String notice) {
        try (WsClient socket = people.connect(from)) {
            String id = newId();
            socket.send(c2c(id, to.uid(), "blocked?"));
            assertRefusal(socket.nextJson(WAIT), id, sender.uid(), notice);
            assertEquals(0, Db.count("select count(*) from message where wire_id = ?", id));
        }
    }

    private static void assertProblem(Rest.Reply reply, int status, String reason) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(reply.isProblem(), reply::toString);
        assertEquals(reason, reply.reason(), reply::toString);
    }

    private long openRequests(TestUser a, TestUser b) {
        return Db.count("select count(*) from friend_request r join app_user f on f.id = r.from_user_id "
                + "join app_user t on t.id = r.to_user_id where r.status in ('PENDING', 'IGNORED') "
                + "and ((f.account = ? and t.account = ?) or (f.account = ? and t.account = ?))",
                a.account(), b.account(), b.account(), a.account());
    }

    @SafeVarargs
    private static List<Rest.Reply> all(java.util.function.Supplier<Rest.Reply>... calls) {
        List<CompletableFuture<Rest.Reply>> futures = Stream.of(calls).map(CompletableFuture::supplyAsync).toList();
        return futures.stream().map(CompletableFuture::join).collect(Collectors.toList());
    }
}
