package io.chorus.it.message;

import static io.chorus.it.message.EditIT.assertError;
import static io.chorus.it.support.Frames.ack;
import static io.chorus.it.support.Frames.c2c;
import static io.chorus.it.support.Frames.newId;
import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Replies and mentions (issue 25): a reply names a live message of the same conversation by seq and
 * comes back in history; a group message mentions members or {@code @all} (owner and admins), and
 * the mentioned get {@code mentioned: true} on their recent entry until they read past it. A reply
 * to another conversation's or a revoked message, a mention of a non-member, {@code @all} from a
 * plain member, mentions in a one-to-one message: refused, nothing stored.
 */
class ReplyMentionIT extends BlackBoxIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Set<String> VOLATILE = Set.of("device_connection");

    private static String send(String type, String id, String to, String payload) {
        return "{\"type\":\"" + type + "\",\"id\":\"" + id + "\",\"to\":\"" + to + "\",\"created_at\":1,\"payload\":" + payload + "}";
    }

    private static String reply(String text, long seq) {
        return "{\"msg_type\":\"text\",\"text\":\"" + text + "\",\"reply_to\":{\"seq\":" + seq + ",\"text\":\"quoted\"}}";
    }

    private static long acked(WsClient socket, String type) {
        JsonObject ack = socket.nextJson(WAIT);
        assertEquals(type, ack.getString("type"), ack::toString);
        return ack.getJsonNumber("seq").longValue();
    }

    @Test
    void aReply_toAMessageOfTheSameConversation_isStoredAndComesBackInHistory_othersAreRefused() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        TestUser carol = people.friendOf(alice, "carol");
        Login aLogin = people.login(alice, "phone");
        try (WsClient a = people.connect(aLogin)) {
            String first = newId();
            a.send(c2c(first, bob.uid(), "are you coming?"));
            long firstSeq = acked(a, "C2C_SERVER_ACK");
            String answer = newId();
            a.send(send("C2C", answer, bob.uid(), reply("I mean tonight", firstSeq)));
            acked(a, "C2C_SERVER_ACK");
            JsonObject stored = rest.get("/api/conversations/C2C/" + bob.uid() + "/messages", aLogin.token())
                    .json().getJsonArray("messages").getJsonObject(1);
            assertEquals(answer, stored.getString("id"));
            assertEquals(firstSeq, stored.getJsonObject("payload").getJsonObject("reply_to").getJsonNumber("seq").longValue());
            assertEquals("quoted", stored.getJsonObject("payload").getJsonObject("reply_to").getString("text"));

            String revoked = newId();
            a.send(c2c(revoked, bob.uid(), "forget it"));
            long revokedSeq = acked(a, "C2C_SERVER_ACK");
            a.send("{\"type\":\"C2C_REVOKE\",\"id\":\"" + revoked + "\",\"to\":\"" + bob.uid() + "\"}");
            assertEquals("C2C_REVOKE_ACK", a.nextJson(WAIT).getString("type"));
            for (int i = 0; i < 5; i++) {
                a.send(c2c(newId(), carol.uid(), "hi carol " + i));
                acked(a, "C2C_SERVER_ACK");
            }
            Map<String, String> before = Db.snapshotAll(VOLATILE);

            List<String> refused = List.of(newId(), newId(), newId(), newId(), newId());
            a.send(send("C2C", refused.get(0), bob.uid(), reply("to a revoked one", revokedSeq)));
            assertError(a.nextJson(WAIT), refused.get(0), "reply_refused", 1);
            a.send(send("C2C", refused.get(1), bob.uid(), reply("to one that is not there", revokedSeq + 5)));
            assertError(a.nextJson(WAIT), refused.get(1), "reply_refused", 1);
            // seq 4 is a message of the conversation with carol, not of this one (it has 3).
            a.send(send("C2C", refused.get(2), bob.uid(), reply("to carol's", revokedSeq + 1)));
            assertError(a.nextJson(WAIT), refused.get(2), "reply_refused", 1);
            a.send(send("C2C", refused.get(3), bob.uid(), "{\"msg_type\":\"text\",\"text\":\"x\",\"reply_to\":{\"seq\":\"1\"}}"));
            assertError(a.nextJson(WAIT), refused.get(3), "invalid_field", 1);
            a.send(send("C2C", refused.get(4), bob.uid(), "{\"msg_type\":\"text\",\"text\":\"x\",\"mentions\":[\"" + bob.uid() + "\"]}"));
            assertError(a.nextJson(WAIT), refused.get(4), "mention_refused", 1);
            assertEquals(before, Db.snapshotAll(VOLATILE));
        }
    }

    @Test
    void mentions_flagTheMentionedMembersRecentEntry_untilTheyRead_andAllIsForAdmins() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        TestUser carol = people.user("carol");
        TestUser outsider = people.user("outsider");
        Login aLogin = people.login(alice, "phone");
        Login bLogin = people.login(bob, "phone");
        Login cLogin = people.login(carol, "phone");
        String gid = people.group(aLogin, "mentions", bob, carol);
        try (WsClient a = people.connect(aLogin); WsClient b = people.connect(bLogin)) {
            skipNotices(a, aLogin);
            String first = newId();
            a.send(send("C2G", first, gid, "{\"msg_type\":\"text\",\"text\":\"bob, look\",\"mentions\":[\"" + bob.uid() + "\"]}"));
            long seq = acked(a, "C2G_SERVER_ACK");
            assertEquals(true, recent(gid, bLogin).getBoolean("mentioned"));
            assertEquals(false, recent(gid, cLogin).getBoolean("mentioned"));
            assertEquals(false, recent(gid, aLogin).getBoolean("mentioned"));

            String answer = newId();
            b.send(send("C2G", answer, gid, reply("seen", seq)));
            JsonObject bAck = nextSkippingNotices(b, bLogin);
            assertEquals("C2G_SERVER_ACK", bAck.getString("type"), bAck::toString);

            assertEquals(204, rest.post("/api/conversations/C2G/" + gid + "/read", obj("seq", seq).toString(), bLogin.token()).status());
            assertEquals(false, recent(gid, bLogin).getBoolean("mentioned"), "read past the mention");

            // Delivery rows are left out here: alice's socket acknowledges bob's reply meanwhile
            // (the message table shows that nothing was stored).
            Set<String> settling = Set.of("device_connection", "delivery");
            Map<String, String> before = Db.snapshotAll(settling);
            String all = newId();
            b.send(send("C2G", all, gid, "{\"msg_type\":\"text\",\"text\":\"everyone!\",\"mentions\":[\"@all\"]}"));
            assertError(nextSkippingNotices(b, bLogin), all, "mention_refused", 1);
            String stranger = newId();
            a.send(send("C2G", stranger, gid, "{\"msg_type\":\"text\",\"text\":\"you?\",\"mentions\":[\"" + outsider.uid() + "\"]}"));
            assertError(nextSkippingNotices(a, aLogin), stranger, "mention_refused", 1);
            String bad = newId();
            a.send(send("C2G", bad, gid, "{\"msg_type\":\"text\",\"text\":\"x\",\"mentions\":[]}"));
            assertError(nextSkippingNotices(a, aLogin), bad, "invalid_field", 1);
            String badReply = newId();
            a.send(send("C2G", badReply, gid, reply("to nothing", seq + 100)));
            assertError(nextSkippingNotices(a, aLogin), badReply, "reply_refused", 1);
            assertEquals(before, Db.snapshotAll(settling));

            String everyone = newId();
            a.send(send("C2G", everyone, gid, "{\"msg_type\":\"text\",\"text\":\"meeting now\",\"mentions\":[\"@all\"]}"));
            assertEquals("C2G_SERVER_ACK", nextSkippingNotices(a, aLogin).getString("type"));
            assertEquals(true, recent(gid, bLogin).getBoolean("mentioned"));
            assertEquals(true, recent(gid, cLogin).getBoolean("mentioned"));
            assertEquals(false, recent(gid, aLogin).getBoolean("mentioned"), "the sender does not mention itself");

            a.send("{\"type\":\"C2G_REVOKE\",\"id\":\"" + everyone + "\",\"to\":\"" + gid + "\"}");
            assertEquals("C2G_REVOKE_ACK", nextSkippingNotices(a, aLogin).getString("type"));
            assertEquals(false, recent(gid, cLogin).getBoolean("mentioned"), "a revoked message mentions nobody");
        }
    }

    private JsonObject recent(String gid, Login login) {
        Rest.Reply reply = rest.get("/api/conversations", login.token());
        assertEquals(200, reply.status(), reply::toString);
        return reply.structure().asJsonArray().getValuesAs(JsonObject.class).stream()
                .filter(e -> gid.equals(e.getString("id", null))).findFirst().orElseThrow(() -> new AssertionError(reply.toString()));
    }

    private static void skipNotices(WsClient socket, Login login) {
        String text;
        while ((text = socket.pollText(Duration.ofMillis(800))) != null) {
            JsonObject frame = jakarta.json.Json.createReader(new java.io.StringReader(text)).readObject();
            socket.send(ack(frame.getString("type"), frame.getString("id"), login.did()));
        }
        assertNull(socket.pollText(Duration.ZERO));
    }

    /** The next frame that is not a stored notice or a group message of someone else (acknowledged and passed over). */
    private static JsonObject nextSkippingNotices(WsClient socket, Login login) {
        while (true) {
            JsonObject frame = socket.nextJson(WAIT);
            String type = frame.getString("type", "");
            if (!"S2C".equals(type) && !"C2G".equals(type) && !"C2G_REVOKE".equals(type)) {
                return frame;
            }
            if (!"C2G_REVOKE".equals(type)) {
                socket.send(ack(type, frame.getString("id"), login.did()));
            }
        }
    }
}
