package io.chorus.it.group;

import static io.chorus.it.support.Frames.ack;
import static io.chorus.it.support.Frames.newId;
import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.Db;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Small shared pieces of the group tests: REST calls that must succeed, frames, notices, snapshots. */
final class Groups {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final Duration QUIET = Duration.ofMillis(800);

    /** Tables left out of {@link #snapshot()}: sockets of earlier tests may still be closing. */
    private static final Set<String> VOLATILE_TABLES = Set.of("device_connection");

    private Groups() {
    }

    // ---------------------------------------------------------------- REST

    static JsonArray uids(Collection<String> uids) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        uids.forEach(array::add);
        return array.build();
    }

    /**
     * Creates a group and returns the creator's GroupView, for the tests about what creating says;
     * a group that is only set-up is {@code People.group}.
     */
    static JsonObject createView(Rest rest, Login owner, String title, boolean open, List<String> memberUids) {
        Rest.Reply reply = rest.post("/api/groups", obj("title", title, "members", uids(memberUids), "open", open), owner.token());
        assertEquals(201, reply.status(), reply::toString);
        return reply.json();
    }

    static JsonObject detail(Rest rest, String gid, Login caller) {
        Rest.Reply reply = rest.get("/api/groups/" + gid, caller.token());
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    /** The member entries of the group's detail, by uid. */
    static Map<String, JsonObject> members(Rest rest, String gid, Login caller) {
        return detail(rest, gid, caller).getJsonArray("members").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(m -> m.getString("uid"), m -> m, (a, b) -> {
                    throw new AssertionError("a member listed twice: " + a);
                }, TreeMap::new));
    }

    static void addMembers(Rest rest, String gid, Login caller, List<String> memberUids) {
        Rest.Reply reply = rest.post("/api/groups/" + gid + "/members", obj("uids", uids(memberUids)), caller.token());
        assertEquals(204, reply.status(), reply::toString);
    }

    /** Leave (uid is the caller's own) or remove someone. */
    static void remove(Rest rest, String gid, Login caller, String uid) {
        Rest.Reply reply = rest.send("DELETE", "/api/groups/" + gid + "/members/" + uid, null, caller.token());
        assertEquals(204, reply.status(), reply::toString);
    }

    static void patchMember(Rest rest, String gid, Login caller, String uid, JsonObject patch) {
        Rest.Reply reply = rest.send("PATCH", "/api/groups/" + gid + "/members/" + uid, patch.toString(), caller.token());
        assertEquals(204, reply.status(), reply::toString);
    }

    /** The history reply's body, asserting 200; {@code query} is e.g. {@code "?limit=3"} or {@code ""}. */
    static JsonObject history(Rest rest, String gid, Login caller, String query) {
        Rest.Reply reply = rest.get("/api/conversations/C2G/" + gid + "/messages" + query, caller.token());
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    static List<Long> seqs(JsonArray messages) {
        return messages.getValuesAs(JsonObject.class).stream().map(m -> m.getJsonNumber("seq").longValue()).toList();
    }

    static List<String> ids(JsonArray messages) {
        return messages.getValuesAs(JsonObject.class).stream().map(m -> m.getString("id")).toList();
    }

    /** The caller's recent-conversation entry for the group, or null. */
    static JsonObject recentEntry(Rest rest, String gid, Login caller) {
        Rest.Reply reply = rest.get("/api/conversations", caller.token());
        assertEquals(200, reply.status(), reply::toString);
        List<JsonObject> entries = reply.structure().asJsonArray().getValuesAs(JsonObject.class).stream()
                .filter(e -> "C2G".equals(e.getString("type", null)) && gid.equals(e.getString("id", null))).toList();
        assertTrue(entries.size() <= 1, () -> "the group listed twice: " + reply);
        return entries.isEmpty() ? null : entries.get(0);
    }

    static void assertProblem(Rest.Reply reply, int status, String reason) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(reply.isProblem(), reply::toString);
        assertEquals(reason, reply.reason(), reply::toString);
    }

    // ---------------------------------------------------------------- frames

    static String c2g(String id, String gid, String text) {
        return "{\"type\":\"C2G\",\"id\":\"" + id + "\",\"to\":\"" + gid + "\",\"created_at\":" + System.currentTimeMillis()
                + ",\"payload\":{\"msg_type\":\"text\",\"text\":\"" + text + "\"}}";
    }

    static String revoke(String id, String gid) {
        return "{\"type\":\"C2G_REVOKE\",\"id\":\"" + id + "\",\"to\":\"" + gid + "\"}";
    }

    /**
     * Sends a text with a fresh id and returns its {@code C2G_SERVER_ACK}. Stored notices that are
     * still waiting on the socket (a {@code group_member_join} from the group's creation, say) are
     * acknowledged and passed over: they are not what this call is about.
     */
    static JsonObject send(WsClient socket, Login device, String gid, String text) {
        String id = newId();
        socket.send(c2g(id, gid, text));
        JsonObject ack = nextSkippingNotices(socket, device);
        assertEquals("C2G_SERVER_ACK", ack.getString("type"), ack::toString);
        assertEquals(id, ack.getString("id"), ack::toString);
        assertTrue(ack.getJsonNumber("server_ts").longValue() > 0, ack::toString);
        return ack;
    }

    /** The next frame that is not an S2C notice; notices before it are acknowledged and dropped. */
    static JsonObject nextSkippingNotices(WsClient socket, Login device) {
        while (true) {
            JsonObject frame = socket.nextJson(WAIT);
            if (!"S2C".equals(frame.getString("type", null))) {
                return frame;
            }
            socket.send(ack("S2C", frame.getString("id"), device.did()));
        }
    }

    /** The next frame, which must be a group message; it is acknowledged for the device. */
    static JsonObject nextMessage(WsClient socket, Login device) {
        JsonObject message = socket.nextJson(WAIT);
        assertEquals("C2G", message.getString("type", null), message::toString);
        socket.send(ack("C2G", message.getString("id"), device.did()));
        return message;
    }

    /** The next frame, which must be a stored S2C notice of {@code msgType}; it is acknowledged for the device. */
    static JsonObject nextNotice(WsClient socket, Login device, String msgType) {
        JsonObject notice = socket.nextJson(WAIT);
        assertEquals("S2C", notice.getString("type", null), notice::toString);
        assertEquals(msgType, notice.getJsonObject("payload").getString("msg_type"), notice::toString);
        assertTrue(!notice.getString("id").isEmpty(), notice::toString);
        assertTrue(notice.getJsonNumber("server_ts").longValue() > 0, notice::toString);
        socket.send(ack("S2C", notice.getString("id"), device.did()));
        return notice;
    }

    /** The next {@code n} frames, whatever their order (e.g. a backlog that spans the message and notice streams). */
    static List<JsonObject> next(WsClient socket, int n) {
        List<JsonObject> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            frames.add(socket.nextJson(WAIT));
        }
        return frames;
    }

    /** Acknowledges a frame of a backlog as its type asks (messages C2G, notices S2C). */
    static void ackFrame(WsClient socket, Login device, JsonObject frame) {
        socket.send(ack(frame.getString("type"), frame.getString("id"), device.did()));
    }

    static void assertNotice(JsonObject notice, String from, String to, JsonObject payload) {
        assertEquals("S2C", notice.getString("type"), notice::toString);
        assertEquals(from, notice.getString("from"), notice::toString);
        assertEquals(to, notice.getString("to"), notice::toString);
        assertEquals(payload, notice.getJsonObject("payload"), notice::toString);
    }

    /** A {@code group_member_join} notice; {@code uids} compared as a set, the order being the server's. */
    static void assertJoinNotice(JsonObject notice, String from, String to, String gid, Set<String> uids, int memberCount) {
        assertEquals("S2C", notice.getString("type"), notice::toString);
        assertEquals(from, notice.getString("from"), notice::toString);
        assertEquals(to, notice.getString("to"), notice::toString);
        JsonObject payload = notice.getJsonObject("payload");
        assertEquals("group_member_join", payload.getString("msg_type"), notice::toString);
        assertEquals(gid, payload.getString("gid"), notice::toString);
        assertEquals(uids, joined(notice), notice::toString);
        assertEquals(payload.getJsonArray("uids").size(), joined(notice).size(), () -> "uids repeat: " + notice);
        assertEquals(memberCount, payload.getInt("member_count"), notice::toString);
    }

    static Set<String> joined(JsonObject joinNotice) {
        return joinNotice.getJsonObject("payload").getJsonArray("uids").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).collect(Collectors.toSet());
    }

    static JsonObject leavePayload(String gid, String leaveUid, int memberCount) {
        return obj("msg_type", "group_member_leave", "gid", gid, "leave_uid", leaveUid, "member_count", memberCount);
    }

    static JsonObject dissolvePayload(String gid) {
        return obj("msg_type", "group_dissolve", "gid", gid);
    }

    /** A refused frame's error: code 1, the frame's id as {@code ref}, the reason. */
    static void assertError(JsonObject frame, String ref, String reason) {
        assertEquals("error", frame.getString("type"), frame::toString);
        assertEquals(1, frame.getInt("code"), frame::toString);
        assertEquals(ref, frame.getJsonObject("payload").getString("ref", null), frame::toString);
        assertEquals(reason, frame.getJsonObject("payload").getString("reason"), frame::toString);
    }

    static void assertQuiet(WsClient socket, String why) {
        assertNull(socket.pollText(QUIET), why);
    }

    /** Round trip through the socket: once {@code pong2} is back, every frame sent before it (acks) was handled. */
    static void sync(WsClient socket) {
        socket.send("ping");
        assertEquals("pong2", socket.nextText(WAIT));
    }

    /** How many copies of messages with this client id are stored (0 for a refused send). */
    static long stored(String wireId) {
        return Db.count("select count(*) from message where wire_id = ?", wireId);
    }

    // ---------------------------------------------------------------- database

    /**
     * {@link Db#snapshot()} plus every other table of the schema, whatever the group feature calls
     * its tables: a refused role change or mute touches only membership rows, which the shared
     * snapshot does not cover. Tables are found at run time, so the test does not depend on the names.
     */
    static Map<String, String> snapshot() {
        return Db.snapshotAll(VOLATILE_TABLES);
    }

    /** Delivery rows still pending for any device of these accounts. */
    static long pendingDeliveries(Collection<String> accounts) {
        String marks = accounts.stream().map(a -> "?").collect(Collectors.joining(", "));
        return Db.count("select count(*) from delivery d join device v on v.id = d.device_id "
                + "join app_user u on u.id = v.user_id where u.account in (" + marks + ")", accounts.toArray());
    }
}
