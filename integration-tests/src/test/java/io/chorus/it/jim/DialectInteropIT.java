package io.chorus.it.jim;

import static io.chorus.it.support.Frames.ack;
import static io.chorus.it.support.Frames.newId;
import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.JimClient;
import io.chorus.it.support.JimWire.JimPacket;
import io.chorus.it.support.JimWire;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A dialect A user and a dialect B user on one domain (SPEC §6): every content type both ways as
 * docs/PROTOCOL.md maps it, {@code cc} to a user and a group, a mixed group, the sender's other
 * devices, and refusals that store nothing.
 */
class DialectInteropIT extends BlackBoxIT {
    private static final Duration QUIET = Duration.ofMillis(800);

    /** Dialect A payload ↔ JIM items, the table of docs/PROTOCOL.md. */
    private static final List<Map.Entry<String, String>> CONTENT = List.of(
            Map.entry("{\"msg_type\":\"text\",\"text\":\"晚上好 👋\"}", "[{\"t\":1,\"d\":\"晚上好 👋\"}]"),
            Map.entry("{\"msg_type\":\"image\",\"uri\":\"5d41402a.jpg\"}", "[{\"t\":2,\"d\":\"5d41402a.jpg\"}]"),
            Map.entry("{\"msg_type\":\"expression\",\"code\":\"[smile]\"}", "[{\"t\":3,\"d\":\"[smile]\"}]"),
            Map.entry("{\"msg_type\":\"voice\",\"uri\":\"7c4a8d09.amr\",\"duration\":5}", "[{\"t\":4,\"d\":\"7c4a8d09.amr\",\"vd\":5}]"),
            Map.entry("{\"msg_type\":\"gif\",\"uri\":\"dance.gif\",\"count\":3}", "[{\"c\":3,\"t\":5,\"d\":\"dance.gif\"}]"),
            Map.entry("{\"msg_type\":\"custom\",\"custom_type\":\"multi\",\"items\":[{\"msg_type\":\"text\",\"text\":\"look\"},"
                    + "{\"msg_type\":\"image\",\"uri\":\"a.jpg\"}]}", "[{\"t\":1,\"d\":\"look\"},{\"t\":2,\"d\":\"a.jpg\"}]"),
            Map.entry("{\"msg_type\":\"video\",\"uri\":\"m.mp4\"}", "[{\"d\":\"{\\\"msg_type\\\":\\\"video\\\",\\\"uri\\\":\\\"m.mp4\\\"}\"}]"),
            Map.entry("{\"msg_type\":\"custom\",\"custom_type\":\"jim_item\",\"item\":{\"t\":6,\"d\":\"report.pdf\"}}",
                    "[{\"t\":6,\"d\":\"report.pdf\"}]"));

    @Test
    void aToB_everyContentType_arrivesAsItsItems_withTheServersStamp() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        try (WsClient aws = people.connect(alice, "phone"); JimClient b = people.jim(bob, 1)) {
            for (Map.Entry<String, String> row : CONTENT) {
                String id = newId();
                aws.send("{\"type\":\"C2C\",\"id\":\"" + id + "\",\"to\":\"" + bob.uid() + "\",\"created_at\":1,\"payload\":"
                        + row.getKey() + "}");
                JsonObject serverAck = aws.nextJson();
                assertEquals("C2C_SERVER_ACK", serverAck.getString("type"), serverAck::toString);

                JimPacket push = b.next();
                assertEquals(JimWire.MSG, push.cmd());
                assertEquals(JimWire.REQUEST, push.type());
                JsonObject m = push.json();
                assertEquals(contact(Jim.uid(alice), 1), m.getJsonObject("fr"));
                assertEquals(contact(Jim.uid(bob), 1), m.getJsonObject("to"));
                assertEquals(contact(Jim.uid(alice), 1), m.getJsonObject("ar"));
                assertEquals(serverAck.getJsonNumber("server_ts").longValue(), m.getJsonNumber("st").longValue(), "st is server_ts");
                assertEquals(Db.count("select id from message where wire_id = ?", id), m.getJsonNumber("id").longValue(), "id is the MID");
                assertEquals(array(row.getValue()), m.getJsonArray("bd"), row.getKey());
            }
        }
    }

    @Test
    void bToA_everyContentType_arrivesAsItsPayload_underAFreshXid() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login a = people.login(alice, "phone");
        try (WsClient aws = people.connect(a); JimClient b = people.jim(bob, 1)) {
            long oid = 1;
            for (Map.Entry<String, String> row : CONTENT) {
                long stamp = 1_763_890_000_000L + oid;
                JsonObject reply = b.call(JimWire.MSG, message(null, contact(Jim.uid(alice), 1), List.of(), stamp, oid, array(row.getValue())));
                assertEquals(oid, reply.getJsonNumber("oid").longValue());
                long mid = reply.getJsonNumber("mid").longValue();
                assertTrue(mid > 0, reply::toString);

                JsonObject frame = aws.nextJson();
                assertEquals("C2C", frame.getString("type"), frame::toString);
                assertTrue(frame.getString("id").matches("[0-9a-v]{20}"), "an XID: " + frame.getString("id"));
                assertEquals(frame.getString("id"), wireIdOf(mid));
                assertEquals(bob.uid(), frame.getString("from"));
                assertEquals(alice.uid(), frame.getString("to"));
                assertEquals(json(row.getKey()), frame.getJsonObject("payload"));
                assertEquals(stamp, frame.getJsonNumber("created_at").longValue(), "st became created_at");
                aws.send(ack("C2C", frame.getString("id"), a.did()));
                oid++;
            }
            // The same client id again is a new message: JIM ids are temporary and may repeat.
            JsonObject again = b.call(JimWire.MSG, message(null, contact(Jim.uid(alice), 1), List.of(), 0, 1,
                    array("[{\"t\":1,\"d\":\"again\"}]")));
            assertEquals("again", aws.nextJson().getJsonObject("payload").getString("text"));
            assertTrue(again.getJsonNumber("mid").longValue() > 0);
        }
    }

    @Test
    void ccToAUserAndAGroup_storesACopyForEach_andMixedGroupMembersGetItInTheirDialect() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        TestUser carol = people.user("carol");
        TestUser dave = people.user("dave");
        people.befriend(bob, alice, carol);
        Login bobRest = people.login(bob, "rest");
        String title = "Mixed " + newId();
        String gid = people.group(bobRest, title, alice, dave);
        long rawGid = Jim.gid(title);
        Login a = people.login(alice, "phone");
        Login c = people.login(carol, "phone");

        try (WsClient aws = people.connect(a); WsClient cws = people.connect(c);
             JimClient b = people.jim(bob, 1); JimClient d = people.jim(dave, 3)) {
            JsonObject reply = b.call(JimWire.MSG, message(contact(Jim.uid(bob), 1), contact(Jim.uid(alice), 1),
                    List.of(contact(Jim.uid(carol), 1), contact(rawGid, 2)), 0, 42, array("[{\"t\":1,\"d\":\"to all\"}]")));
            long mid = reply.getJsonNumber("mid").longValue();

            // Alice has the direct copy (the Response's MID) and the group's.
            JsonObject direct = aws.nextJson();
            JsonObject inGroup = aws.nextJson();
            if ("C2G".equals(direct.getString("type"))) {
                JsonObject swap = direct;
                direct = inGroup;
                inGroup = swap;
            }
            assertEquals("C2C", direct.getString("type"));
            assertEquals(wireIdOf(mid), direct.getString("id"));
            assertEquals("C2G", inGroup.getString("type"));
            assertEquals(gid, inGroup.getString("to"));
            assertEquals(bob.uid(), inGroup.getString("from"));
            // Carol, the cc'd user.
            JsonObject toCarol = cws.nextJson();
            assertEquals("C2C", toCarol.getString("type"));
            assertEquals("to all", toCarol.getJsonObject("payload").getString("text"));
            // Dave, on JIM: the group's copy comes from the group, to him, by its author.
            JsonObject toDave = d.next().json();
            assertEquals(contact(rawGid, 2), toDave.getJsonObject("fr"));
            assertEquals(contact(Jim.uid(dave), 1), toDave.getJsonObject("to"));
            assertEquals(contact(Jim.uid(bob), 1), toDave.getJsonObject("ar"));
            assertEquals(3, Db.count("select count(*) from message m join app_user u on u.id = m.sender_id "
                    + "join conversation c on c.id = m.conversation_id where u.account = ? and c.kind in ('C2C', 'C2G')",
                    bob.account()), "one stored copy per recipient conversation");

            // And back: Dave writes to the group from JIM, Alice reads it on /ws.
            JsonObject daves = d.call(JimWire.MSG, message(null, contact(rawGid, 2), List.of(), 0, 9, array("[{\"t\":3,\"d\":\"[wave]\"}]")));
            assertTrue(daves.getJsonNumber("mid").longValue() > 0);
            JsonObject fromDave = aws.nextJson();
            assertEquals("C2G", fromDave.getString("type"));
            assertEquals(dave.uid(), fromDave.getString("from"));
            assertEquals(gid, fromDave.getString("to"));
            assertEquals(json("{\"msg_type\":\"expression\",\"code\":\"[wave]\"}"), fromDave.getJsonObject("payload"));
            JsonObject onBobsJim = b.next().json();
            assertEquals(contact(rawGid, 2), onBobsJim.getJsonObject("fr"));
            assertEquals(contact(Jim.uid(dave), 1), onBobsJim.getJsonObject("ar"));
        }
    }

    @Test
    void theSendersOtherDevices_getTheSyncCopy_inTheirOwnDialect() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        try (WsClient bws = people.connect(bob, "phone"); JimClient pc = people.jim(bob, 1); JimClient pad = people.jim(bob, 4);
             JimClient a = people.jim(alice, 1)) {
            JsonObject reply = pc.call(JimWire.MSG, message(null, contact(Jim.uid(alice), 1), List.of(), 0, 5,
                    array("[{\"t\":1,\"d\":\"synced\"}]")));
            long mid = reply.getJsonNumber("mid").longValue();

            JsonObject onPad = pad.next().json();
            assertEquals(mid, onPad.getJsonNumber("id").longValue());
            assertEquals(contact(Jim.uid(bob), 1), onPad.getJsonObject("fr"));
            assertEquals(contact(Jim.uid(alice), 1), onPad.getJsonObject("to"));
            JsonObject onPhone = bws.nextJson();
            assertEquals(bob.uid(), onPhone.getString("from"));
            assertEquals(alice.uid(), onPhone.getString("to"));
            assertEquals(mid, a.next().json().getJsonNumber("id").longValue());
            assertNull(pc.poll(QUIET), "the sending terminal gets its Response only");
        }
    }

    @Test
    void refusedSends_answerMidZeroWithTheReason_andStoreNothing() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        TestUser stranger = people.user("stranger");
        Login aliceRest = people.login(alice, "rest");
        String title = "Closed " + newId();
        people.group(aliceRest, title);
        long foreignGroup = Jim.gid(title);
        Login alicePhone = people.login(alice, "phone");
        try (JimClient b = people.jim(bob, 1); WsClient aws = people.connect(alicePhone)) {
            Map<String, String> before = Db.snapshot();
            JsonArray text = array("[{\"t\":1,\"d\":\"hi\"}]");
            assertRefused(b.call(JimWire.MSG, message(null, contact(Jim.uid(stranger), 1), List.of(), 0, 1, text)), 1, "not_a_friend");
            // One refused cc refuses the whole send: not even the friend's copy is stored.
            assertRefused(b.call(JimWire.MSG, message(null, contact(Jim.uid(alice), 1), List.of(contact(foreignGroup, 2)), 0, 2, text)),
                    2, "not_a_member");
            assertRefused(b.call(JimWire.MSG, message(contact(Jim.uid(alice), 1), contact(Jim.uid(alice), 1), List.of(), 0, 3, text)),
                    3, "forged_from");
            assertRefused(b.call(JimWire.MSG, message(null, contact(Jim.uid(alice), 1), List.of(), 0, 4, array("[]"))), 4, "invalid_field");
            assertRefused(b.call(JimWire.MSG, message(null, null, List.of(), 0, 5, text)), 5, "invalid_field");
            JimPacket malformed = b.request(JimWire.MSG, obj("bd", "not a list"));
            assertEquals(JimWire.ERROR, malformed.type());
            assertEquals("invalid_field", malformed.json().getString("reason"));
            assertEquals(before, Db.snapshot());
            assertTrue(b.isOpen());
            // Nothing of the rolled-back send reached alice's socket either: the first message she
            // gets is the next one that is stored (events leave only after their commit; had the
            // rolled-back copy been pushed, it would come first, with the seq this one reuses).
            JsonObject stored = b.call(JimWire.MSG, message(null, contact(Jim.uid(alice), 1), List.of(), 0, 6, array("[{\"t\":1,\"d\":\"stored\"}]")));
            assertNotEquals(0, stored.getJsonNumber("mid").longValue(), stored::toString);
            JsonObject first = aws.nextJson();
            assertEquals("C2C", first.getString("type"), first::toString);
            assertEquals(1, first.getJsonNumber("seq").longValue(), first::toString);
            assertTrue(first.getJsonObject("payload").toString().contains("stored"), first::toString);
        }
    }

    private static void assertRefused(JsonObject reply, long oid, String reason) {
        assertEquals(oid, reply.getJsonNumber("oid").longValue(), reply::toString);
        assertEquals(0, reply.getJsonNumber("mid").longValue(), reply::toString);
        assertEquals(reason, reply.getString("reason"), reply::toString);
        assertFalse(reply.getString("content").isBlank());
    }

    private static String wireIdOf(long mid) {
        try (var c = Db.connect(); var st = c.prepareStatement("select wire_id from message where id = ?")) {
            st.setLong(1, mid);
            try (var rs = st.executeQuery()) {
                assertTrue(rs.next(), "message " + mid);
                return rs.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonObject contact(long id, int t) {
        return Json.createObjectBuilder().add("id", id).add("t", t).build();
    }

    static JsonObject message(JsonObject fr, JsonObject to, List<JsonObject> cc, long st, long id, JsonArray bd) {
        JsonObjectBuilder m = Json.createObjectBuilder();
        if (fr != null) {
            m.add("fr", fr);
        }
        if (to != null) {
            m.add("to", to);
        }
        if (!cc.isEmpty()) {
            JsonArrayBuilder ccs = Json.createArrayBuilder();
            cc.forEach(ccs::add);
            m.add("cc", ccs);
        }
        if (st != 0) {
            m.add("st", st);
        }
        return m.add("id", id).add("bd", bd).build();
    }

    static JsonArray array(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readArray();
        }
    }

    static JsonObject json(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
