package io.chorus.it.message;

import static io.chorus.it.message.EditIT.assertProblem;
import static io.chorus.it.message.EditIT.edit;
import static io.chorus.it.support.Frames.c2c;
import static io.chorus.it.support.Frames.newId;
import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Search (issue 25, docs/REST.md "Search"): full text over the caller's conversations only, newest
 * first, paged; never another pair's messages, never revoked ones, never a group's after leaving it
 * or from before joining it; an edited message by its latest text; CJK words inside a sentence.
 */
class SearchIT extends BlackBoxIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private JsonObject search(Login caller, String q, String more) {
        Rest.Reply reply = rest.get("/api/conversations/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + more, caller.token());
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    private static List<String> texts(JsonObject page) {
        return page.getJsonArray("results").getValuesAs(JsonObject.class).stream()
                .map(r -> r.getJsonObject("message").getJsonObject("payload").getString("text")).toList();
    }

    /** The next frame that is not a stored notice (a group's join notices come to its owner too). */
    private static JsonObject next(WsClient socket) {
        while (true) {
            JsonObject frame = socket.nextJson(WAIT);
            if (!"S2C".equals(frame.getString("type", null))) {
                return frame;
            }
        }
    }

    private static long send(WsClient socket, String frame) {
        socket.send(frame);
        JsonObject ack = next(socket);
        assertTrue(ack.getString("type").endsWith("_SERVER_ACK"), ack::toString);
        return ack.getJsonNumber("seq").longValue();
    }

    private static String c2g(String gid, String text) {
        return "{\"type\":\"C2G\",\"id\":\"" + newId() + "\",\"to\":\"" + gid + "\",\"created_at\":1,"
                + "\"payload\":{\"msg_type\":\"text\",\"text\":\"" + text + "\"}}";
    }

    @Test
    void findsWordsInTheCallersConversationsOnly_newestFirst_paged() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        TestUser carol = people.friendOf(alice, "carol");
        Login aLogin = people.login(alice, "phone");
        Login bLogin = people.login(bob, "phone");
        Login cLogin = people.login(carol, "phone");
        try (WsClient a = people.connect(aLogin)) {
            long seq = send(a, c2c(newId(), bob.uid(), "The Quarterly report is ready"));
            send(a, c2c(newId(), bob.uid(), "quarterly numbers look good"));
            send(a, c2c(newId(), bob.uid(), "nothing to see"));
            send(a, c2c(newId(), carol.uid(), "quarterly party for carol"));

            JsonObject hits = search(bLogin, "quarterly", "");
            assertEquals(List.of("quarterly numbers look good", "The Quarterly report is ready"), texts(hits));
            JsonObject hit = hits.getJsonArray("results").getJsonObject(1);
            assertEquals("C2C", hit.getString("type"));
            assertEquals(alice.uid(), hit.getString("id"), "the conversation, as the history path names it");
            assertEquals(seq, hit.getJsonObject("message").getJsonNumber("seq").longValue());
            assertEquals(alice.uid(), hit.getJsonObject("message").getString("from"));
            assertEquals(bob.uid(), hit.getJsonObject("message").getString("to"));
            assertTrue(!hits.containsKey("next") || hits.isNull("next"), hits::toString);

            assertEquals(List.of("The Quarterly report is ready"), texts(search(bLogin, "report  QUARTERLY", "")), "every term, any case");
            assertEquals(List.of(), texts(search(bLogin, "quarterly missing", "")));
            assertEquals(List.of("quarterly party for carol"), texts(search(cLogin, "quarterly", "")), "carol sees her own only");
            assertEquals(3, texts(search(aLogin, "quarterly", "")).size());

            JsonObject first = search(aLogin, "quarterly", "&limit=2");
            assertEquals(List.of("quarterly party for carol", "quarterly numbers look good"), texts(first));
            String next = first.getString("next");
            JsonObject second = search(aLogin, "quarterly", "&limit=2&before=" + next);
            assertEquals(List.of("The Quarterly report is ready"), texts(second));
            assertTrue(!second.containsKey("next") || second.isNull("next"), second::toString);
        }
    }

    @Test
    void revokedMessages_andGroupsLeftOrJoinedLater_areNeverFound_editsByTheirLatestText() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        TestUser carol = people.user("carol");
        TestUser dave = people.user("dave");
        Login aLogin = people.login(alice, "phone");
        Login bLogin = people.login(bob, "phone");
        Login cLogin = people.login(carol, "phone");
        Login dLogin = people.login(dave, "phone");
        String gid = people.group(aLogin, "search", carol);
        try (WsClient a = people.connect(aLogin)) {
            String gone = newId();
            send(a, c2c(gone, bob.uid(), "secret plan alpha"));
            a.send("{\"type\":\"C2C_REVOKE\",\"id\":\"" + gone + "\",\"to\":\"" + bob.uid() + "\"}");
            assertEquals("C2C_REVOKE_ACK", next(a).getString("type"));
            assertEquals(List.of(), texts(search(bLogin, "alpha", "")), "a revoked message is not found");

            String typo = newId();
            send(a, c2c(typo, bob.uid(), "meet at the statoin"));
            a.send(edit("C2C", typo, bob.uid(), "meet at the station"));
            assertEquals("C2C_EDIT_ACK", next(a).getString("type"));
            assertEquals(List.of("meet at the station"), texts(search(bLogin, "station", "")));
            assertEquals(List.of(), texts(search(bLogin, "statoin", "")), "the old text is not searchable");

            send(a, c2g(gid, "group beta before dave"));
            assertEquals(List.of("group beta before dave"), texts(search(cLogin, "beta", "")));
            Rest.Reply added = rest.post("/api/groups/" + gid + "/members", obj("uids", jakarta.json.Json.createArrayBuilder()
                    .add(dave.uid()).build()), aLogin.token());
            assertEquals(204, added.status(), added::toString);
            send(a, c2g(gid, "group beta after dave"));
            assertEquals(List.of("group beta after dave"), texts(search(dLogin, "beta", "")), "nothing from before the join");
            JsonObject groupHit = search(dLogin, "beta", "").getJsonArray("results").getJsonObject(0);
            assertEquals("C2G", groupHit.getString("type"));
            assertEquals(gid, groupHit.getString("id"));

            Rest.Reply left = rest.send("DELETE", "/api/groups/" + gid + "/members/" + carol.uid(), null, cLogin.token());
            assertEquals(204, left.status(), left::toString);
            assertEquals(List.of(), texts(search(cLogin, "beta", "")), "a group left is not searched");
        }
    }

    @Test
    void cjkWordsInsideASentence_areFound() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login bLogin = people.login(bob, "phone");
        try (WsClient a = people.connect(people.login(alice, "phone"))) {
            send(a, c2c(newId(), bob.uid(), "大家晚上好，明天见"));
            send(a, c2c(newId(), bob.uid(), "東京タワーに行きましょう"));
            send(a, c2c(newId(), bob.uid(), "안녕하세요 여러분"));
            assertEquals(List.of("大家晚上好，明天见"), texts(search(bLogin, "晚上好", "")));
            assertEquals(List.of("大家晚上好，明天见"), texts(search(bLogin, "明天", "")));
            assertEquals(List.of(), texts(search(bLogin, "好大", "")), "characters in that order only");
            assertEquals(List.of("東京タワーに行きましょう"), texts(search(bLogin, "タワー", "")));
            assertEquals(List.of("안녕하세요 여러분"), texts(search(bLogin, "안녕", "")));
        }
    }

    @Test
    void badQueries_areRefused_andChangeNothing() {
        Login caller = people.login(people.user("searcher"), "phone");
        Map<String, String> before = Db.snapshotAll(Set.of("device_connection"));
        assertProblem(rest.get("/api/conversations/search", caller.token()), 400, "invalid_field");
        assertProblem(rest.get("/api/conversations/search?q=%20%20", caller.token()), 400, "invalid_field");
        assertProblem(rest.get("/api/conversations/search?q=" + "x".repeat(201), caller.token()), 400, "invalid_field");
        assertProblem(rest.get("/api/conversations/search?q=%21%21%21", caller.token()), 400, "invalid_field");
        assertProblem(rest.get("/api/conversations/search?q=a+b+c+d+e+f+g+h+i", caller.token()), 400, "invalid_field");
        assertProblem(rest.get("/api/conversations/search?q=hello&limit=0", caller.token()), 400, "invalid_field");
        assertProblem(rest.get("/api/conversations/search?q=hello&limit=101", caller.token()), 400, "invalid_field");
        assertProblem(rest.get("/api/conversations/search?q=hello&limit=x", caller.token()), 400, "invalid_field");
        assertProblem(rest.get("/api/conversations/search?q=hello&before=nonsense", caller.token()), 400, "invalid_field");
        assertEquals(401, rest.get("/api/conversations/search?q=hello", null).status());
        JsonArray none = search(caller, "hello", "").getJsonArray("results");
        assertEquals(0, none.size());
        assertEquals(before, Db.snapshotAll(Set.of("device_connection")));
    }
}
