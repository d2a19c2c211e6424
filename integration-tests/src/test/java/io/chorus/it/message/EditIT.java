package io.chorus.it.message;

import static io.chorus.it.support.Frames.ack;
import static io.chorus.it.support.Frames.c2c;
import static io.chorus.it.support.Frames.newId;
import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.admin.Admins;
import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.Frames;
import io.chorus.it.support.JimClient;
import io.chorus.it.support.JimWire;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Edits (issue 25): the author edits a text message's text within the window; every other device of
 * every member gets the stored {@code message_edited} notice, online at once, offline from its
 * backlog; history returns the latest version with {@code edited_at}; the original stays in the
 * administrators' audit. Anyone else, a revoked or non-text message, past the window: refused, and
 * nothing changes.
 */
class EditIT extends BlackBoxIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofMillis(800);
    private static final Set<String> VOLATILE = Set.of("device_connection");

    static String edit(String type, String id, String to, String text) {
        return "{\"type\":\"" + type + "_EDIT\",\"id\":\"" + id + "\",\"to\":\"" + to + "\",\"text\":\"" + text + "\"}";
    }

    /** Sends a text, returns its server ack; the peer's socket gets it and acknowledges it. */
    private JsonObject sendAndDeliver(WsClient from, String id, String to, String text, WsClient peer, Login peerLogin) {
        from.send(c2c(id, to, text));
        JsonObject ack = from.nextJson(WAIT);
        assertEquals("C2C_SERVER_ACK", ack.getString("type"), ack::toString);
        JsonObject delivered = peer.nextJson(WAIT);
        assertEquals(id, delivered.getString("id"), delivered::toString);
        peer.send(ack("C2C", id, peerLogin.did()));
        return ack;
    }

    private static void assertEdited(JsonObject notice, String id, String from, String to, long seq, String text) {
        assertEquals("S2C", notice.getString("type"), notice::toString);
        assertEquals(from, notice.getString("from"), notice::toString);
        JsonObject payload = notice.getJsonObject("payload");
        assertEquals("message_edited", payload.getString("msg_type"), notice::toString);
        assertEquals(id, payload.getString("id"), notice::toString);
        assertEquals(from, payload.getString("from"), notice::toString);
        assertEquals(to, payload.getString("to"), notice::toString);
        assertEquals(seq, payload.getJsonNumber("seq").longValue(), notice::toString);
        assertEquals(text, payload.getJsonObject("payload").getString("text"), notice::toString);
        assertEquals("text", payload.getJsonObject("payload").getString("msg_type"), notice::toString);
    }

    @Test
    void authorEdits_onlineAndOfflineDevicesOfBothUsersGetIt_historyShowsTheLatest_auditKeepsTheOriginal() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login aPhoneLogin = people.login(alice, "phone");
        Login aLaptopLogin = people.login(alice, "laptop");
        Login bPhoneLogin = people.login(bob, "phone");
        Login bTabletLogin = people.login(bob, "tablet");
        String id = newId();
        long seq;
        try (WsClient aPhone = people.connect(aPhoneLogin);
             WsClient aLaptop = people.connect(aLaptopLogin);
             WsClient bPhone = people.connect(bPhoneLogin)) {
            seq = sendAndDeliver(aPhone, id, bob.uid(), "see you at 9", bPhone, bPhoneLogin).getJsonNumber("seq").longValue();
            JsonObject copy = aLaptop.nextJson(WAIT);
            assertEquals(id, copy.getString("id"));
            aLaptop.send(ack("C2C", id, aLaptopLogin.did()));

            aPhone.send(edit("c2c", id, bob.uid(), "see you at 10"));
            JsonObject editAck = aPhone.nextJson(WAIT);
            assertEquals("C2C_EDIT_ACK", editAck.getString("type"), editAck::toString);
            assertEquals(id, editAck.getString("id"));
            assertEquals(seq, editAck.getJsonNumber("seq").longValue());

            JsonObject toPeer = bPhone.nextJson(WAIT);
            assertEdited(toPeer, id, alice.uid(), bob.uid(), seq, "see you at 10");
            assertEquals(bob.uid(), toPeer.getString("to"));
            bPhone.send(ack("S2C", toPeer.getString("id"), bPhoneLogin.did()));
            JsonObject toLaptop = aLaptop.nextJson(WAIT);
            assertEdited(toLaptop, id, alice.uid(), bob.uid(), seq, "see you at 10");
            aLaptop.send(ack("S2C", toLaptop.getString("id"), aLaptopLogin.did()));
            assertNull(aPhone.pollText(QUIET), "the editing device has its ack and nothing else");

            JsonObject stored = rest.get("/api/conversations/C2C/" + alice.uid() + "/messages", bPhoneLogin.token())
                    .json().getJsonArray("messages").getJsonObject(0);
            assertEquals("see you at 10", stored.getJsonObject("payload").getString("text"));
            assertEquals(editAck.getJsonNumber("server_ts").longValue(), stored.getJsonNumber("edited_at").longValue());
        }
        // Bob's tablet was never connected: the message and then the edit wait in its backlog.
        try (WsClient tablet = people.connect(bTabletLogin)) {
            JsonObject first = tablet.nextJson(WAIT);
            JsonObject second = tablet.nextJson(WAIT);
            JsonObject notice = "S2C".equals(first.getString("type")) ? first : second;
            assertEdited(notice, id, alice.uid(), bob.uid(), seq, "see you at 10");
        }
        Login admin = Admins.login(rest, "console-" + newId());
        Rest.Reply audit = rest.get("/api/admin/messages/" + alice.uid() + "/" + id + "/edits", admin.token());
        assertEquals(200, audit.status(), audit::toString);
        assertEquals("see you at 10", audit.json().getJsonObject("payload").getString("text"));
        assertEquals(1, audit.json().getJsonArray("versions").size(), audit::toString);
        JsonObject original = audit.json().getJsonArray("versions").getJsonObject(0);
        assertEquals(1, original.getInt("version"));
        assertEquals("see you at 9", original.getJsonObject("payload").getString("text"));
        assertEquals(403, rest.get("/api/admin/messages/" + alice.uid() + "/" + id + "/edits", bPhoneLogin.token()).status(),
                "members never read the audit");
    }

    @Test
    void groupEdit_reachesEveryOtherDeviceOfEveryMember_andRestEditsToo() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        TestUser carol = people.user("carol");
        Login aPhone = people.login(alice, "phone");
        Login bPhone = people.login(bob, "phone");
        Login cPhone = people.login(carol, "phone");
        String gid = people.group(aPhone, "edits", bob, carol);
        try (WsClient a = people.connect(aPhone); WsClient b = people.connect(bPhone); WsClient c = people.connect(cPhone)) {
            drainNotices(a, aPhone);
            drainNotices(b, bPhone);
            drainNotices(c, cPhone);
            String id = newId();
            a.send("{\"type\":\"C2G\",\"id\":\"" + id + "\",\"to\":\"" + gid + "\",\"created_at\":1,"
                    + "\"payload\":{\"msg_type\":\"text\",\"text\":\"lunch at noon\",\"client_field\":7}}");
            long seq = a.nextJson(WAIT).getJsonNumber("seq").longValue();
            for (Map.Entry<WsClient, Login> member : Map.of(b, bPhone, c, cPhone).entrySet()) {
                JsonObject message = member.getKey().nextJson(WAIT);
                member.getKey().send(ack("C2G", message.getString("id"), member.getValue().did()));
            }

            a.send(edit("C2G", id, gid, "lunch at one"));
            assertEquals("C2G_EDIT_ACK", a.nextJson(WAIT).getString("type"));
            for (Map.Entry<WsClient, Login> member : Map.of(b, bPhone, c, cPhone).entrySet()) {
                JsonObject notice = member.getKey().nextJson(WAIT);
                assertEdited(notice, id, alice.uid(), gid, seq, "lunch at one");
                assertEquals(7, notice.getJsonObject("payload").getJsonObject("payload").getInt("client_field"), "other fields stay");
                member.getKey().send(ack("S2C", notice.getString("id"), member.getValue().did()));
            }

            Rest.Reply patched = rest.send("PATCH", "/api/conversations/C2G/" + gid + "/messages/" + id,
                    obj("text", "lunch at two").toString(), aPhone.token());
            assertEquals(200, patched.status(), patched::toString);
            assertEquals(seq, patched.json().getJsonNumber("seq").longValue());
            assertEquals(id, patched.json().getString("id"));
            assertEdited(b.nextJson(WAIT), id, alice.uid(), gid, seq, "lunch at two");
            assertEdited(c.nextJson(WAIT), id, alice.uid(), gid, seq, "lunch at two");
            // The REST caller's device is the phone: its socket is not told what it did itself.
            assertNull(a.pollText(QUIET));

            JsonObject history = rest.get("/api/conversations/C2G/" + gid + "/messages", cPhone.token()).json();
            JsonObject last = history.getJsonArray("messages").getJsonObject(history.getJsonArray("messages").size() - 1);
            assertEquals("lunch at two", last.getJsonObject("payload").getString("text"));
            assertTrue(last.containsKey("edited_at"), last::toString);
            assertEquals(2, Db.count("select count(*) from message_edit e join message m on m.id = e.message_id where m.wire_id = ?", id));

            // The same text again: the same answer, nobody told, nothing audited.
            Rest.Reply again = rest.send("PATCH", "/api/conversations/C2G/" + gid + "/messages/" + id,
                    obj("text", "lunch at two").toString(), aPhone.token());
            assertEquals(200, again.status(), again::toString);
            assertEquals(patched.json(), again.json());
            assertNull(b.pollText(QUIET));
            assertEquals(2, Db.count("select count(*) from message_edit e join message m on m.id = e.message_id where m.wire_id = ?", id));
        }
    }

    @Test
    void refusedEdits_changeNothing() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login aLogin = people.login(alice, "phone");
        Login bLogin = people.login(bob, "phone");
        try (WsClient a = people.connect(aLogin); WsClient b = people.connect(bLogin)) {
            String text = newId();
            sendAndDeliver(a, text, bob.uid(), "typo", b, bLogin);
            String old = newId();
            sendAndDeliver(a, old, bob.uid(), "long ago", b, bLogin);
            Db.execute("update message set server_ts = server_ts - 3600000 where wire_id = ?", old);
            String image = newId();
            a.send("{\"type\":\"C2C\",\"id\":\"" + image + "\",\"to\":\"" + bob.uid() + "\",\"created_at\":1,"
                    + "\"payload\":{\"msg_type\":\"location\",\"lat\":1,\"lng\":2}}");
            assertEquals("C2C_SERVER_ACK", a.nextJson(WAIT).getString("type"));
            b.send(ack("C2C", b.nextJson(WAIT).getString("id"), bLogin.did()));
            String revoked = newId();
            sendAndDeliver(a, revoked, bob.uid(), "never mind", b, bLogin);
            a.send("{\"type\":\"C2C_REVOKE\",\"id\":\"" + revoked + "\",\"to\":\"" + bob.uid() + "\"}");
            assertEquals("C2C_REVOKE_ACK", a.nextJson(WAIT).getString("type"));
            assertEquals("C2C_REVOKE", b.nextJson(WAIT).getString("type"));
            a.send("ping");
            assertEquals("pong2", a.nextText(WAIT));
            String stranger = newPeer();
            Map<String, String> before = Db.snapshotAll(VOLATILE);

            b.send(edit("C2C", text, alice.uid(), "not mine"));
            assertError(b.nextJson(WAIT), text, "unknown_message", 1);
            a.send(edit("C2C", text, stranger, "wrong conversation"));
            assertError(a.nextJson(WAIT), text, "unknown_message", 1);
            a.send(edit("C2C", "no-such-id", bob.uid(), "x"));
            assertError(a.nextJson(WAIT), "no-such-id", "unknown_message", 1);
            a.send(edit("C2C", old, bob.uid(), "too late"));
            assertError(a.nextJson(WAIT), old, "edit_too_late", 3);
            a.send(edit("C2C", image, bob.uid(), "a caption"));
            assertError(a.nextJson(WAIT), image, "not_editable", 1);
            a.send(edit("C2C", revoked, bob.uid(), "back"));
            assertError(a.nextJson(WAIT), revoked, "not_editable", 1);
            a.send("{\"type\":\"C2C_EDIT\",\"id\":\"" + text + "\",\"to\":\"" + bob.uid() + "\",\"text\":\"\"}");
            assertError(a.nextJson(WAIT), text, "invalid_field", 1);

            assertProblem(rest.send("PATCH", "/api/conversations/C2C/" + alice.uid() + "/messages/" + text,
                    obj("text", "not mine").toString(), bLogin.token()), 404, "unknown_message");
            assertProblem(rest.send("PATCH", "/api/conversations/C2C/" + bob.uid() + "/messages/" + old,
                    obj("text", "too late").toString(), aLogin.token()), 409, "edit_too_late");
            assertProblem(rest.send("PATCH", "/api/conversations/C2C/" + bob.uid() + "/messages/" + text,
                    "{}", aLogin.token()), 400, "invalid_field");
            assertProblem(rest.send("PATCH", "/api/conversations/C2C/" + bob.uid() + "/messages/" + text,
                    "{\"text\":", aLogin.token()), 400, null);

            assertNull(b.pollText(QUIET), "nobody was told anything");
            assertEquals(before, Db.snapshotAll(VOLATILE));
        }
    }

    @Test
    void aJimPeer_getsTheEditAsTheMessageAgain_withItsNewText() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login a = people.login(alice, "phone");
        try (WsClient aws = people.connect(a); JimClient b = people.jim(bob, 1)) {
            String id = newId();
            aws.send(Frames.c2c(id, bob.uid(), "helo"));
            assertEquals("C2C_SERVER_ACK", aws.nextJson(WAIT).getString("type"));
            JsonObject original = b.nextRequest(JimWire.MSG);
            long mid = original.getJsonNumber("id").longValue();

            aws.send(edit("C2C", id, bob.uid(), "hello"));
            assertEquals("C2C_EDIT_ACK", aws.nextJson(WAIT).getString("type"));
            JsonObject edited = b.nextRequest(JimWire.MSG);
            assertEquals(mid, edited.getJsonNumber("id").longValue());
            assertEquals(original.getJsonObject("fr"), edited.getJsonObject("fr"));
            assertEquals(original.getJsonObject("to"), edited.getJsonObject("to"));
            assertEquals("hello", edited.getJsonArray("bd").getJsonObject(0).getString("d"), edited::toString);
            JsonObject bodies = b.call(JimWire.GET_MSG_BODYS, obj("ids", Json.createArrayBuilder().add(mid).build()));
            assertEquals(edited.getJsonArray("bd"), bodies.getJsonArray("ms").getJsonObject(0).getJsonArray("bd"));
        }
    }

    private String newPeer() {
        return people.user("stranger").uid();
    }

    private static void drainNotices(WsClient socket, Login login) {
        String text;
        while ((text = socket.pollText(QUIET)) != null) {
            JsonObject frame = Json.createReader(new java.io.StringReader(text)).readObject();
            socket.send(ack(frame.getString("type"), frame.getString("id"), login.did()));
        }
    }

    static void assertError(JsonObject frame, String ref, String reason, int code) {
        assertEquals("error", frame.getString("type"), frame::toString);
        assertEquals(code, frame.getInt("code"), frame::toString);
        assertEquals(ref, frame.getJsonObject("payload").getString("ref", null), frame::toString);
        assertEquals(reason, frame.getJsonObject("payload").getString("reason"), frame::toString);
    }

    static void assertProblem(Rest.Reply reply, int status, String reason) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(reply.isProblem(), reply::toString);
        if (reason != null) {
            assertEquals(reason, reply.reason(), reply::toString);
        }
        assertFalse(reply.body().isEmpty());
    }
}
