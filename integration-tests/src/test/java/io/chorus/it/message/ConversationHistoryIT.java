package io.chorus.it.message;

import static io.chorus.it.support.Frames.c2c;
import static io.chorus.it.support.Frames.newId;
import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** REST history by seq cursor, recent conversations with unread counts, members only. */
class ConversationHistoryIT extends BlackBoxIT {
    private Login alice;
    private Login bob;
    private final List<String> sent = new ArrayList<>();

    @BeforeEach
    void aliceSendsFiveToBob() {
        TestUser a = people.user("alice");
        TestUser b = people.friendOf(a, "bob");
        alice = people.login(a, "phone");
        bob = people.login(b, "phone");
        try (WsClient client = people.connect(alice)) {
            for (int i = 1; i <= 5; i++) {
                String id = newId();
                sent.add(id);
                client.send(c2c(id, b.uid(), "m" + i));
                assertEquals("C2C_SERVER_ACK", client.nextJson(Duration.ofSeconds(20)).getString("type"));
            }
        }
    }

    @Test
    void history_isAscendingAndPagesBackwardsWithBefore() {
        JsonObject all = rest.get("/api/conversations/C2C/" + alice.uid() + "/messages", bob.token()).json();
        assertEquals(sent, ids(all.getJsonArray("messages")));
        assertFalse(all.getBoolean("has_more"));
        JsonObject first = all.getJsonArray("messages").getJsonObject(0);
        assertEquals(alice.uid(), first.getString("from"));
        assertEquals(bob.uid(), first.getString("to"));
        assertEquals("m1", first.getJsonObject("payload").getString("text"));

        JsonObject newest = rest.get("/api/conversations/C2C/" + alice.uid() + "/messages?limit=2", bob.token()).json();
        assertEquals(sent.subList(3, 5), ids(newest.getJsonArray("messages")));
        assertTrue(newest.getBoolean("has_more"));
        JsonObject older = rest.get("/api/conversations/C2C/" + alice.uid() + "/messages?limit=2&before=4", bob.token()).json();
        assertEquals(sent.subList(1, 3), ids(older.getJsonArray("messages")));
        JsonObject after = rest.get("/api/conversations/C2C/" + alice.uid() + "/messages?after=3", bob.token()).json();
        assertEquals(sent.subList(3, 5), ids(after.getJsonArray("messages")));
        assertEquals(sent, ids(rest.get("/api/conversations/C2C/" + bob.uid() + "/messages", alice.token()).json()
                .getJsonArray("messages")), "the sender reads the same history");
    }

    @Test
    void recent_showsLastMessageAndUnreadThatFollowTheReadCursor() {
        JsonObject entry = rest.get("/api/conversations", bob.token()).structure().asJsonArray().getJsonObject(0);
        assertEquals("C2C", entry.getString("type"));
        assertEquals(alice.uid(), entry.getString("id"));
        assertEquals(5, entry.getInt("unread"));
        assertEquals(sent.get(4), entry.getJsonObject("last").getString("id"));

        assertEquals(204, rest.post("/api/conversations/C2C/" + alice.uid() + "/read", obj("seq", 3).toString(), bob.token()).status());
        assertEquals(2, rest.get("/api/conversations", bob.token()).structure().asJsonArray().getJsonObject(0).getInt("unread"));
        assertEquals(204, rest.post("/api/conversations/C2C/" + alice.uid() + "/read", obj("seq", 1).toString(), bob.token()).status());
        assertEquals(2, rest.get("/api/conversations", bob.token()).structure().asJsonArray().getJsonObject(0).getInt("unread"),
                "the read cursor never moves back");
        assertEquals(0, rest.get("/api/conversations", alice.token()).structure().asJsonArray().getJsonObject(0).getInt("unread"),
                "one's own messages are never unread");
    }

    @Test
    void strangerAndBadCursors_areRefusedAndChangeNothing() {
        Login carol = people.loggedIn("carol", "phone");
        Map<String, String> before = Db.snapshot();

        assertEquals(404, rest.get("/api/conversations/C2C/" + alice.uid() + "/messages", carol.token()).status());
        assertEquals(0, rest.get("/api/conversations", carol.token()).structure().asJsonArray().size());
        assertEquals(404, rest.post("/api/conversations/C2C/" + alice.uid() + "/read", obj("seq", 1).toString(), carol.token()).status());
        assertEquals(401, rest.get("/api/conversations/C2C/" + alice.uid() + "/messages", null).status());
        assertEquals(400, rest.get("/api/conversations/C2C/" + alice.uid() + "/messages?limit=0", bob.token()).status());
        assertEquals(400, rest.get("/api/conversations/C2C/" + alice.uid() + "/messages?limit=201", bob.token()).status());
        for (String bad : List.of("limit=abc", "before=1.5", "after=x", "limit=99999999999")) {
            Rest.Reply reply = rest.get("/api/conversations/C2C/" + alice.uid() + "/messages?" + bad, bob.token());
            assertEquals(400, reply.status(), bad);
            assertEquals("invalid_field", reply.reason(), bad);
        }
        assertEquals(400, rest.post("/api/conversations/C2C/" + alice.uid() + "/read", obj("seq", 6).toString(), bob.token()).status());
        assertEquals(400, rest.post("/api/conversations/C2C/" + alice.uid() + "/read", "{}", bob.token()).status());
        assertEquals(404, rest.get("/api/conversations/C2G/" + alice.uid() + "/messages", bob.token()).status());
        assertEquals(before, Db.snapshot());
    }

    private static List<String> ids(JsonArray messages) {
        return messages.stream().map(v -> v.asJsonObject().getString("id")).toList();
    }
}
