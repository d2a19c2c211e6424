package io.chorus.it.jim;

import static io.chorus.it.jim.DialectInteropIT.array;
import static io.chorus.it.jim.DialectInteropIT.contact;
import static io.chorus.it.jim.DialectInteropIT.message;
import static io.chorus.it.support.Frames.ack;
import static io.chorus.it.support.Frames.newId;
import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.JimClient;
import io.chorus.it.support.JimWire.JimPacket;
import io.chorus.it.support.JimWire;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * JIM's group commands (CMD 0x50–0x59) on the groups, roles and notices of dialect A: a JIM user
 * makes a group, adds a /ws user, both chat, the /ws owner removes the JIM user, who hears of it
 * (live, or from the backlog on its next sign-in) and can no longer send; refusals carry the Go
 * server's result numbers and change nothing.
 */
class JimGroupIT extends BlackBoxIT {
    private static final Duration QUIET = Duration.ofMillis(800);
    /** Written by opening sockets, not by the commands under test. */
    private static final java.util.Set<String> UNCOMPARED = java.util.Set.of("device_connection", "login_throttle");

    @Test
    void jimCreates_addsAWsUser_bothChat_theWsOwnerRemovesTheJimUser_whoHearsItAndCanNoLongerSend() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        Login a = people.login(alice, "phone");
        String title = "jim-made " + newId();
        try (WsClient aws = people.connect(a); JimClient b = people.jim(bob, 1)) {
            people.awaitOnline(a);
            long gid = createAndHandOver(b, bob, alice, title, aws, a);

            // The /ws owner removes the JIM user: it hears of it, and its sends are refused.
            assertEquals(204, rest.send("DELETE", "/api/groups/" + publicGid(a, title) + "/members/" + bob.uid(), null, a.token()).status());
            JsonObject removed = b.nextRequest(JimWire.GROUP_CHANGED_NOTIFICATION);
            assertEquals(gid, removed.getJsonNumber("gid").longValue());
            assertEquals(Jim.uid(bob), removed.getJsonNumber("uid").longValue());
            assertEquals(3, removed.getInt("t"));
            assertLeft(b, gid);
            assertEquals("group_member_leave", aws.nextJson().getJsonObject("payload").getString("msg_type"));
        }
    }

    @Test
    void aJimMemberRemovedWhileAway_hearsItFromTheBacklog_andCanNoLongerSend() {
        TestUser alice = people.user("alice");
        TestUser bob = people.user("bob");
        Login a = people.login(alice, "phone");
        String title = "jim-away " + newId();
        long gid;
        try (WsClient aws = people.connect(a); JimClient b = people.jim(bob, 3)) {
            people.awaitOnline(a);
            gid = createAndHandOver(b, bob, alice, title, aws, a);
        }
        assertEquals(204, rest.send("DELETE", "/api/groups/" + publicGid(a, title) + "/members/" + bob.uid(), null, a.token()).status());
        try (JimClient b = people.jim(bob, 3)) {
            JsonObject removed = b.nextRequest(JimWire.GROUP_CHANGED_NOTIFICATION);
            assertEquals(obj("gid", gid, "uid", Jim.uid(bob), "t", 3, "st", removed.getJsonNumber("st").longValue()), removed);
            assertLeft(b, gid);
        }
    }

    /**
     * Bob (JIM) makes the group, adds alice (/ws), both chat, and bob hands the group to alice; every
     * step is checked on both sides. The raw gid.
     */
    private long createAndHandOver(JimClient b, TestUser bob, TestUser alice, String title, WsClient aws, Login a) {
        List<JimPacket> pushes = new ArrayList<>();
        JsonObject created = b.callAmid(JimWire.CREATE_GROUP, obj("name", title, "type", 1, "owner", Jim.uid(bob)), pushes);
        assertEquals(0, created.getInt("code"), created::toString);
        long gid = created.getJsonNumber("gid").longValue();
        assertEquals(Jim.gid(title), gid);
        assertTrue(created.getJsonNumber("stamp").longValue() > 0);
        // Made with its first member: one change of the group itself.
        JsonObject made = b.awaitPushes(pushes, 1).get(0).json();
        assertEquals(JimWire.GROUP_CHANGED_NOTIFICATION, pushes.get(0).cmd());
        assertEquals(obj("gid", gid, "t", 1, "st", made.getJsonNumber("st").longValue()), made);

        pushes.clear();
        JsonObject added = b.callAmid(JimWire.ADD_GROUP_MEMBERS, obj("gid", gid, "ms", Json.createArrayBuilder()
                .add(obj("gid", gid, "uid", Jim.uid(alice), "p", 1))), pushes);
        assertEquals(obj("code", 0), added);
        JsonObject joined = b.awaitPushes(pushes, 1).get(0).json();
        assertEquals(Jim.uid(alice), joined.getJsonNumber("uid").longValue());
        assertEquals(1, joined.getInt("t"));
        JsonObject join = aws.nextJson();
        assertEquals("group_member_join", join.getJsonObject("payload").getString("msg_type"), join::toString);
        aws.send(ack("S2C", join.getString("id"), a.did()));

        JsonObject members = b.call(JimWire.GET_GROUPS_MEMBERS, obj("gids", Json.createArrayBuilder().add(gid).build()));
        assertEquals(2, members.getJsonArray("ms").size(), members::toString);
        assertEquals(List.of(gid), b.call(JimWire.GET_GIDS, obj("uid", Jim.uid(bob))).getJsonArray("gids").getValuesAs(
                (jakarta.json.JsonNumber n) -> n.longValue()));
        JsonObject group = b.call(JimWire.GET_GROUPS, obj("gids", Json.createArrayBuilder().add(gid).build())).getJsonArray("gs").getJsonObject(0);
        assertEquals(title, group.getString("n"));

        // Both chat: JIM to the group, /ws to the group.
        JsonObject sent = b.call(JimWire.MSG, message(null, contact(gid, 2), List.of(), 0, 1, array("[{\"t\":1,\"d\":\"from jim\"}]")));
        assertTrue(sent.getJsonNumber("mid").longValue() > 0, sent::toString);
        JsonObject c2g = aws.nextJson();
        assertEquals("from jim", c2g.getJsonObject("payload").getString("text"), c2g::toString);
        aws.send(ack("C2G", c2g.getString("id"), a.did()));
        String gidA = publicGid(a, title);
        aws.send("{\"type\":\"C2G\",\"id\":\"" + newId() + "\",\"to\":\"" + gidA + "\",\"created_at\":1,"
                + "\"payload\":{\"msg_type\":\"text\",\"text\":\"from ws\"}}");
        assertEquals("C2G_SERVER_ACK", aws.nextJson().getString("type"));
        JsonObject fromWs = b.nextRequest(JimWire.MSG);
        assertEquals(contact(gid, 2), fromWs.getJsonObject("fr"));
        assertEquals("from ws", fromWs.getJsonArray("bd").getJsonObject(0).getString("d"));

        // Bob hands the group over: alice is the owner, on REST too.
        assertEquals(obj("code", 0), b.call(JimWire.SET_GROUP_MEMBER, obj("gid", gid, "uid", Jim.uid(alice), "p", 3)));
        assertEquals(alice.uid(), rest.get("/api/groups/" + gidA, a.token()).json().getString("owner"));
        return gid;
    }

    private static void assertLeft(JimClient b, long gid) {
        JsonObject refused = b.call(JimWire.MSG, message(null, contact(gid, 2), List.of(), 0, 2, array("[{\"t\":1,\"d\":\"still here?\"}]")));
        assertEquals(0, refused.getJsonNumber("mid").longValue(), refused::toString);
        assertEquals("not_a_member", refused.getString("reason"));
        assertEquals(0, b.call(JimWire.GET_GIDS, obj()).getJsonArray("gids").size());
        assertEquals(0, b.call(JimWire.GET_GROUPS_MEMBERS, obj("gids", Json.createArrayBuilder().add(gid).build()))
                .getJsonArray("ms").size());
        assertNull(b.poll(QUIET));
    }

    @Test
    void refusals_carryTheSeedsNumbers_andChangeNothing() {
        TestUser owner = people.user("owner");
        TestUser member = people.user("member");
        TestUser stranger = people.user("stranger");
        Login o = people.login(owner, "rest");
        String title = "guarded " + newId();
        people.group(o, title, member);
        long gid = Jim.gid(title);
        try (JimClient m = people.jim(member, 1); JimClient s = people.jim(stranger, 1)) {
            var before = Db.snapshotAll(UNCOMPARED);
            assertRefused(m.call(JimWire.REMOVE_GROUP, obj("gid", gid)), 3, "forbidden");
            assertRefused(s.call(JimWire.REMOVE_GROUP, obj("gid", gid)), 2, "not_found");
            assertRefused(m.call(JimWire.SET_GROUP, obj("gid", gid, "n", "renamed")), 3, "forbidden");
            assertRefused(s.call(JimWire.SET_GROUP, obj("gid", gid, "n", "renamed")), 2, "not_found");
            assertRefused(m.call(JimWire.ADD_GROUP_MEMBERS, obj("gid", gid, "ms", Json.createArrayBuilder()
                    .add(obj("uid", Jim.uid(stranger))))), 3, "forbidden");
            assertRefused(s.call(JimWire.REMOVE_GROUP_MEMBERS, obj("gid", gid, "ms", Json.createArrayBuilder()
                    .add(obj("uid", Jim.uid(member))))), 2, "not_found");
            assertRefused(m.call(JimWire.REMOVE_GROUP_MEMBERS, obj("gid", gid, "ms", Json.createArrayBuilder()
                    .add(obj("uid", Jim.uid(owner))))), 3, "forbidden");
            assertRefused(m.call(JimWire.SET_GROUP_MEMBER, obj("gid", gid, "uid", Jim.uid(member), "p", 2)), 3, "forbidden");
            assertRefused(m.call(JimWire.SET_GROUP_MEMBER, obj("gid", gid, "uid", Jim.uid(member), "p", 9)), 1, "invalid_field");
            assertRefused(m.call(JimWire.CREATE_GROUP, obj("memberuids", Json.createArrayBuilder().build())), 1, "invalid_field");
            assertRefused(m.call(JimWire.CREATE_GROUP, obj("name", "x", "memberuids", Json.createArrayBuilder().add(Long.MAX_VALUE / 2)
                    .build())), 3, "not_found");
            assertRefused(m.call(JimWire.SET_GROUP, obj("n", "no gid")), 1, "invalid_field");
            assertEquals(0, s.call(JimWire.GET_GROUPS, obj("gids", Json.createArrayBuilder().add(gid).build())).getJsonArray("gs").size());
            assertEquals(0, s.call(JimWire.GET_GROUPS_MEMBERS, obj("gids", Json.createArrayBuilder().add(gid).build()))
                    .getJsonArray("ms").size());
            var foreign = s.request(JimWire.GET_GIDS, obj("uid", Jim.uid(member)));
            assertEquals(JimWire.ERROR, foreign.type());
            assertEquals("forbidden", foreign.json().getString("reason"));
            var change = s.request(JimWire.GET_GROUP_CHANGED, obj("gids", Json.createArrayBuilder().add(gid).build()));
            assertEquals("unknown_command", change.json().getString("reason"));
            assertEquals(before, Db.snapshotAll(UNCOMPARED));

            // The member may leave: itself is the one member a member may remove.
            List<JimPacket> pushes = new ArrayList<>();
            assertEquals(obj("code", 0), m.callAmid(JimWire.REMOVE_GROUP_MEMBERS, obj("gid", gid, "ms", Json.createArrayBuilder()
                    .add(obj("uid", Jim.uid(member)))), pushes));
            assertEquals(3, m.awaitPushes(pushes, 1).get(0).json().getInt("t"));
        }
    }

    private static void assertRefused(JsonObject reply, int code, String reason) {
        assertEquals(code, reply.getInt("code"), reply::toString);
        assertEquals(reason, reply.getString("reason"), reply::toString);
    }

    private String publicGid(Login login, String title) {
        Rest.Reply mine = rest.get("/api/groups", login.token());
        return mine.structure().asJsonArray().getValuesAs(JsonObject.class).stream().filter(g -> title.equals(g.getString("title")))
                .findFirst().orElseThrow(() -> new AssertionError("no group " + title + " in " + mine)).getString("gid");
    }
}
