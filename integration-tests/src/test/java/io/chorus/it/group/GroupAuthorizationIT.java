package io.chorus.it.group;

import static io.chorus.it.group.Groups.WAIT;
import static io.chorus.it.group.Groups.assertError;
import static io.chorus.it.group.Groups.assertQuiet;
import static io.chorus.it.group.Groups.c2g;
import static io.chorus.it.group.Groups.nextMessage;
import static io.chorus.it.group.Groups.nextNotice;
import static io.chorus.it.group.Groups.revoke;
import static io.chorus.it.support.Frames.newId;
import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Tokens;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nobody outside a group reaches it. Alice's closed group has Bob in it, Eve was removed from it,
 * Carol never was. Every group endpoint called by an outsider answers as for a group that does not
 * exist (404; joining a closed group is 403), without a valid token 401; their C2G and C2G_REVOKE
 * frames are refused. Nothing changes and no member hears of it.
 */
class GroupAuthorizationIT extends BlackBoxIT {

    @Test
    void outsidersReachNothingOfTheGroup() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        TestUser carol = people.user("carol");
        TestUser eve = people.user("eve");
        Login a = people.login(alice, "phone");
        String gid = people.group(a, "Members only", bob, eve);
        // Devices after the creation: their sockets show only what this test is about.
        Login b = people.login(bob, "phone");
        Login c = people.login(carol, "phone");
        Login e = people.login(eve, "phone");
        Login loggedOut = people.login(carol, "old-laptop");
        assertEquals(204, rest.post("/api/auth/logout", (String) null, loggedOut.token()).status());
        Login removed = people.login(carol, "lost-phone");
        people.removeDevice(removed);

        String eves;
        String alices;
        try (WsClient ews = people.connect(e); WsClient aws = people.connect(a)) {
            nextNotice(aws, a, "group_member_join");
            eves = Groups.send(ews, e, gid, "eve was here").getString("id");
            nextMessage(aws, a);
            alices = Groups.send(aws, a, gid, "members only").getString("id");
            nextMessage(ews, e);
            Groups.sync(aws);
            Groups.sync(ews);
        }
        Groups.remove(rest, gid, a, eve.uid());

        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("stranger", c.token());
        callers.put("former member", e.token());
        callers.put("no token", null);
        callers.put("logged out", loggedOut.token());
        callers.put("removed device", removed.token());
        callers.put("expired token", Tokens.expiredCopyOf(c.token()));
        callers.put("forged token", Tokens.forgedCopyOf(c.token()));

        String base = "/api/groups/" + gid;
        List<Call> calls = List.of(
                new Call("GET", base, null, 404, "not_found"),
                new Call("PATCH", base, obj("title", "mine now", "open", true).toString(), 404, "not_found"),
                new Call("DELETE", base, null, 404, "not_found"),
                new Call("POST", base + "/members", obj("uids", Groups.uids(List.of(carol.uid(), eve.uid()))).toString(), 404, "not_found"),
                new Call("DELETE", base + "/members/" + bob.uid(), null, 404, "not_found"),
                new Call("DELETE", base + "/members/" + alice.uid(), null, 404, "not_found"),
                new Call("DELETE", base + "/members/" + carol.uid(), null, 404, "not_found"),
                new Call("DELETE", base + "/members/" + eve.uid(), null, 404, "not_found"),
                new Call("PATCH", base + "/members/" + bob.uid(), obj("muted", true).toString(), 404, "not_found"),
                new Call("PATCH", base + "/members/" + bob.uid(), obj("role", "owner").toString(), 404, "not_found"),
                new Call("PATCH", base + "/members/" + carol.uid(), obj("role", "admin").toString(), 404, "not_found"),
                // The one place where an outsider may learn the group exists: it is closed.
                new Call("POST", base + "/join", "{}", 403, "forbidden"),
                new Call("GET", "/api/conversations/C2G/" + gid + "/messages", null, 404, "not_found"),
                new Call("GET", "/api/conversations/C2G/" + gid + "/messages?after=0&limit=10", null, 404, "not_found"),
                new Call("POST", "/api/conversations/C2G/" + gid + "/read", obj("seq", 1).toString(), 404, "not_found"));
        // Without a valid token, even what anyone may do.
        List<Call> anyone = List.of(
                new Call("GET", "/api/groups", null, 401, null),
                new Call("POST", "/api/groups", obj("title", "new", "members", Groups.uids(List.of(bob.uid()))).toString(), 401, null),
                new Call("GET", "/api/conversations", null, 401, null));

        try (WsClient bws = people.connect(b); WsClient cws = people.connect(c); WsClient ews = people.connect(e)) {
            // Bob's backlog (eve's and alice's messages, the notice of eve's removal) and eve's (that
            // notice) are acknowledged and settled first: a late ack would show in the snapshot.
            for (JsonObject frame : Groups.next(bws, 3)) {
                Groups.ackFrame(bws, b, frame);
            }
            nextNotice(ews, e, "group_member_leave");
            for (WsClient socket : List.of(bws, cws, ews)) {
                Groups.sync(socket);
            }
            people.awaitOnline(b);
            people.awaitOnline(c);
            people.awaitOnline(e);

            Map<String, String> before = Groups.snapshot();
            JsonObject detailBefore = Groups.detail(rest, gid, a);
            List<String> wrong = new ArrayList<>();
            for (Map.Entry<String, String> caller : callers.entrySet()) {
                boolean authenticated = caller.getKey().equals("stranger") || caller.getKey().equals("former member");
                for (Call call : calls) {
                    check(wrong, caller.getKey(), call, authenticated ? call.status() : 401, authenticated ? call.reason() : null,
                            caller.getValue());
                }
                if (!authenticated) {
                    for (Call call : anyone) {
                        check(wrong, caller.getKey(), call, 401, null, caller.getValue());
                    }
                }
            }
            assertEquals(List.of(), wrong);

            // On the socket: the stranger and the former member can neither send nor revoke.
            for (var pair : List.of(Map.entry(cws, "stranger"), Map.entry(ews, "former member"))) {
                WsClient socket = pair.getKey();
                String id = newId();
                socket.send(c2g(id, gid, "let me in"));
                assertError(socket.nextJson(WAIT), id, "not_a_member");
                String unknown = newId();
                socket.send(c2g(unknown, "NoSuchGroup1", "anyone?"));
                assertError(socket.nextJson(WAIT), unknown, "not_a_member");
                socket.send(revoke(alices, gid));
                assertError(socket.nextJson(WAIT), alices, "unknown_message");
                assertEquals(0, Groups.stored(id), pair.getValue());
                assertEquals(0, Groups.stored(unknown), pair.getValue());
            }
            // The removed and the logged-out device cannot even connect.
            for (Login dead : List.of(removed, loggedOut)) {
                try (WsClient socket = people.connect(dead)) {
                    JsonObject error = socket.nextJson(WAIT);
                    assertEquals(706, error.getInt("code"), error::toString);
                    assertEquals(4006, socket.awaitClose(WAIT).code());
                }
            }

            assertEquals(before, Groups.snapshot(), "no refused call or frame changed anything");
            assertEquals(detailBefore, Groups.detail(rest, gid, a));
            assertQuiet(bws, "no member hears of what outsiders tried");
        }

        // Outsiders' own lists do not show it; the members' do, and the history is intact.
        for (Login outsider : List.of(c, e)) {
            assertEquals(0, rest.get("/api/groups", outsider.token()).structure().asJsonArray().size());
            assertNull(Groups.recentEntry(rest, gid, outsider));
        }
        assertEquals(List.of(eves, alices), Groups.ids(Groups.history(rest, gid, b, "").getJsonArray("messages")));
        assertEquals(List.of(gid), rest.get("/api/groups", b.token()).structure().asJsonArray()
                .getValuesAs(JsonObject.class).stream().map(g -> g.getString("gid")).toList());
    }

    private void check(List<String> wrong, String caller, Call call, int status, String reason, String token) {
        Rest.Reply reply = rest.send(call.method(), call.path(), call.body(), token);
        boolean ok = reply.status() == status && reply.isProblem() && (reason == null || reason.equals(reply.reason()));
        if (!ok) {
            wrong.add(caller + " " + call + " expected " + status + (reason == null ? "" : " " + reason) + " -> " + reply);
        }
    }

    private record Call(String method, String path, String body, int status, String reason) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }
}
