package io.chorus.it.friend;

import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may do what with friend requests, friend lists, deny-lists and devices. Bob owns a request
 * from Alice, a friend list and two devices; every call on them by someone else — the applicant,
 * a stranger, no token, a logged-out device, a removed device — is refused and changes nothing,
 * and each user's own lists show only their own data.
 */
class FriendsAuthorizationIT extends BlackBoxIT {

    @Test
    void nobodyReachesWhatIsNotTheirs() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        TestUser carol = people.user("carol");
        TestUser dave = people.friendOf(bob, "dave");
        Login a = people.login(alice, "phone");
        Login b = people.login(bob, "bob-phone");
        Login bobTablet = people.login(bob, "bob-tablet");
        Login c = people.login(carol, "phone");
        Login loggedOut = people.login(carol, "old-laptop");
        assertEquals(204, rest.post("/api/auth/logout", (String) null, loggedOut.token()).status());
        Login removed = people.login(carol, "lost-phone");
        people.removeDevice(removed);

        Rest.Reply sent = rest.post("/api/friends/requests", obj("to", bob.uid(), "msg", "hi bob"), a.token());
        assertEquals(201, sent.status(), sent::toString);
        String rid = sent.json().getString("id");

        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("applicant", a.token());
        callers.put("stranger", c.token());
        callers.put("no token", null);
        callers.put("logged out", loggedOut.token());
        callers.put("removed device", removed.token());

        List<Call> onBobsThings = List.of(
                new Call("POST", "/api/friends/requests/" + rid + "/accept", "{}"),
                new Call("POST", "/api/friends/requests/" + rid + "/reject", "{}"),
                new Call("POST", "/api/friends/requests/" + rid + "/ignore", "{}"),
                new Call("PATCH", "/api/friends/" + dave.uid(), obj("remark", "mine now").toString()),
                new Call("DELETE", "/api/friends/" + dave.uid(), null),
                new Call("DELETE", "/api/me/devices/bob-tablet", null),
                new Call("PATCH", "/api/me/devices/bob-tablet", obj("dname", "mine now").toString()));

        Map<String, String> before = Db.snapshot();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> caller : callers.entrySet()) {
            boolean authenticated = caller.getKey().equals("applicant") || caller.getKey().equals("stranger");
            for (Call call : onBobsThings) {
                Rest.Reply reply = rest.send(call.method(), call.path(), call.body(), caller.getValue());
                // Authenticated outsiders learn nothing: the same 404 as for something that does not exist.
                int expected = authenticated ? 404 : 401;
                if (reply.status() != expected || !reply.isProblem()) {
                    wrong.add(caller.getKey() + " " + call + " -> " + reply);
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(before, Db.snapshot(), "no refused call changed anything");

        // Reading lists: everyone sees their own only; without a valid token, nothing.
        for (String path : List.of("/api/friends", "/api/friends/requests?box=in", "/api/friends/requests?box=out",
                "/api/denylist", "/api/me/devices", "/api/me/presence")) {
            for (String token : new String[] {null, loggedOut.token(), removed.token()}) {
                assertEquals(401, rest.get(path, token).status(), path);
            }
        }
        assertEquals(List.of(), uids(rest.get("/api/friends", c.token())), "carol has no friends");
        assertEquals(List.of(), uids(rest.get("/api/friends/requests?box=in", c.token())), "nor requests");
        assertEquals(List.of(dave.uid()), uids(rest.get("/api/friends", b.token())));
        assertEquals(List.of(rid), rest.get("/api/friends/requests?box=in", b.token()).structure().asJsonArray()
                .getValuesAs(JsonObject.class).stream().map(r -> r.getString("id")).toList());
        // A logged-out device stays listed (its tokens are dead); a removed one is gone.
        assertEquals(List.of("old-laptop", "phone"), rest.get("/api/me/devices", c.token()).structure().asJsonArray()
                .getValuesAs(JsonObject.class).stream().map(d -> d.getString("did")).sorted().toList(), "carol's own devices only");

        // The owner may.
        assertEquals(200, rest.post("/api/friends/requests/" + rid + "/accept", "{}", b.token()).status());
        assertEquals(204, rest.send("DELETE", "/api/me/devices/bob-tablet", null, b.token()).status());
        assertTrue(rest.get("/api/me", bobTablet.token()).status() == 401);
    }

    private static List<String> uids(Rest.Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        return reply.structure().asJsonArray().getValuesAs(JsonObject.class).stream().map(o -> o.getString("uid")).toList();
    }

    private record Call(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }
}
