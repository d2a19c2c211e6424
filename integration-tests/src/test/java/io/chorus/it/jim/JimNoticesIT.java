package io.chorus.it.jim;

import static io.chorus.it.jim.DialectInteropIT.contact;
import static io.chorus.it.support.Frames.newId;
import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.chorus.it.admin.Admins;
import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.Frames;
import io.chorus.it.support.JimClient;
import io.chorus.it.support.JimWire;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The notices JIM has no command of its own for: an administrator's system notice, and a revoke. */
class JimNoticesIT extends BlackBoxIT {
    private static final Duration QUIET = Duration.ofMillis(800);
    private static final String STUB = "{\"msg_type\":\"custom\",\"custom_type\":\"peer_revoked\"}";

    @Test
    void systemNotice_reachesAJimDevice_liveAndFromTheBacklog_asAMessageFromNoOne() {
        Login admin = Admins.login(rest, "jim-notice-" + newId());
        TestUser bob = people.user("bob");
        TestUser carol = people.user("carol");
        people.jim(carol, 2).close();
        try (JimClient b = people.jim(bob, 1)) {
            // Live or from the backlog replay, it reaches this session once: the device existed at the commit.
            var sent = rest.post("/api/admin/notices", obj("text", "Maintenance tonight", "title", "Ops",
                    "uids", Json.createArrayBuilder().add(bob.uid()).add(carol.uid()).build()), admin.token());
            assertEquals(201, sent.status(), sent::toString);

            JsonObject live = b.nextRequest(JimWire.MSG);
            assertFalse(live.containsKey("fr"), live::toString);
            assertEquals(contact(Jim.uid(bob), 1), live.getJsonObject("to"));
            assertEquals(Json.createArrayBuilder().add(obj("t", 1, "d", "Ops")).add(obj("t", 1, "d", "Maintenance tonight")).build(),
                    live.getJsonArray("bd"));
            assertNull(b.poll(QUIET));
        }
        try (JimClient c = people.jim(carol, 2)) {
            JsonObject backlog = c.nextRequest(JimWire.MSG);
            assertEquals("Maintenance tonight", backlog.getJsonArray("bd").getJsonObject(1).getString("d"));
            assertNull(c.poll(QUIET));
        }
    }

    @Test
    void aWsRevoke_reachesTheJimPeer_asTheMessageAgain_withTheRevokeStub() {
        TestUser alice = people.user("alice");
        TestUser bob = people.friendOf(alice, "bob");
        Login a = people.login(alice, "phone");
        try (WsClient aws = people.connect(a); JimClient b = people.jim(bob, 1)) {
            String id = newId();
            aws.send(Frames.c2c(id, bob.uid(), "oops"));
            assertEquals("C2C_SERVER_ACK", aws.nextJson().getString("type"));
            JsonObject original = nextMsgAfterBefriending(b);
            long mid = original.getJsonNumber("id").longValue();
            assertEquals(Db.count("select id from message where wire_id = ?", id), mid);

            aws.send("{\"type\":\"C2C_REVOKE\",\"id\":\"" + id + "\",\"to\":\"" + bob.uid() + "\"}");
            assertEquals("C2C_REVOKE_ACK", aws.nextJson().getString("type"));
            JsonObject revoked = b.nextRequest(JimWire.MSG);
            assertEquals(mid, revoked.getJsonNumber("id").longValue());
            assertEquals(original.getJsonObject("fr"), revoked.getJsonObject("fr"));
            assertEquals(original.getJsonObject("to"), revoked.getJsonObject("to"));
            assertEquals(Json.createArrayBuilder().add(obj("d", STUB)).build(), revoked.getJsonArray("bd"));
            // History says the same.
            JsonObject bodies = b.call(JimWire.GET_MSG_BODYS, obj("ids", Json.createArrayBuilder().add(mid).build()));
            assertEquals(revoked.getJsonArray("bd"), bodies.getJsonArray("ms").getJsonObject(0).getJsonArray("bd"));
            assertNull(b.poll(QUIET));
        }
    }

    /**
     * The next {@code Cmd_Msg} Request of a device signed in right after its user's friendship was
     * made: the friendship's roster notice may still reach it first, live (its event can come a
     * moment after the device connected; the device has no delivery row for it).
     */
    private static JsonObject nextMsgAfterBefriending(JimClient jim) {
        JimWire.JimPacket packet = jim.next();
        if (packet.type() == JimWire.REQUEST && packet.cmd() == JimWire.ROSTER_CHANGED_NOTIFICATION) {
            packet = jim.next();
        }
        assertEquals(JimWire.REQUEST, packet.type(), packet::toString);
        assertEquals(JimWire.MSG, packet.cmd(), packet::toString);
        return packet.json();
    }
}
