package io.chorus.it.security;

import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.admin.Admins;
import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Db;
import io.chorus.it.support.Frames;
import io.chorus.it.support.JimClient;
import io.chorus.it.support.JimWire.JimPacket;
import io.chorus.it.support.JimWire;
import io.chorus.it.support.Server;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.Users;
import io.chorus.it.support.WsClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Every client frame of {@code /ws} and every command of {@code /jim} (SPEC §10), sent as each kind
 * of caller: without a token and with tokens revoked three ways (the socket never opens), as a
 * stranger to what the frame addresses, as the administrator (a stranger too: the role grants
 * nothing on the sockets), and as the owner. Each cell compares the answer, rendered as a short
 * outcome ({@code C2C_SERVER_ACK}, {@code error:not_a_member}, {@code ms:0}...), with the expected
 * one; all mismatches are reported together. The strangers' cells run between two snapshots of
 * the whole database: a refused frame changes nothing.
 *
 * <p>The owner's socket and JIM session are separate devices logged in after the set-up, so their
 * backlogs hold only what a cell expects (one message from the friend, for the acknowledgement row).
 */
class FrameAuthorizationMatrixIT extends BlackBoxIT {
    enum Caller { NO_TOKEN, LOGGED_OUT, DEVICE_REMOVED, USER_DISABLED, OTHER, ADMIN, OWNER }

    private static final List<Caller> UNAUTHENTICATED = List.of(Caller.NO_TOKEN, Caller.LOGGED_OUT, Caller.DEVICE_REMOVED,
            Caller.USER_DISABLED);
    private static final List<Caller> STRANGERS = List.of(Caller.OTHER, Caller.ADMIN);
    /** Written by opening sockets, not by the frames under test. */
    private static final Set<String> NOT_COMPARED = Set.of("device_connection", "login_throttle");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicLong JIM_IDS = new AtomicLong(System.currentTimeMillis());

    /**
     * The owner with a friend and a group (with a member); the owner's message to the friend (m1) and
     * to the group (g1), both revocable; the friend's message to the owner's socket device (m2),
     * waiting in its backlog; a friend request to the owner, waiting for its decision.
     */
    record World(TestUser owner, TestUser friend, String gid, long ownerId, long friendId, long groupId,
                 String m1, String g1, String m2, long m1Mid, long g1Mid, long memberId, long requestId) {
    }

    /** A row: the frame a caller sends (it may name the caller's own device) and the outcome per caller. */
    record Row<F>(String name, BiFunction<World, Login, F> frame, Map<Caller, String> expected) {
    }

    private final List<String> mismatches = new ArrayList<>();
    private int cells;

    @Test
    void everyFrameAndCommand_answersEachCallerAsExpected() {
        Login admin = Admins.login(rest, "frames-" + Frames.newId());
        Map<Caller, Login> revoked = revokedLogins(admin);
        World world = world();
        TestUser stranger = people.user("stranger");
        Map<Caller, Login> strangers = Map.of(Caller.OTHER, people.login(stranger, "phone"), Caller.ADMIN, admin);
        // Their JIM sessions are other devices: one device has one socket, whichever the dialect.
        Map<Caller, Login> strangersOnJim = Map.of(Caller.OTHER, people.login(stranger, "jim-device"),
                Caller.ADMIN, Admins.login(rest, "frames-jim-" + Frames.newId()));

        // A socket or session never opens without a valid token.
        for (Caller caller : UNAUTHENTICATED) {
            check("/ws connect", caller, "error:token_invalid, closed 4006", wsRefusal(revoked.get(caller)));
        }
        check("/jim Cmd_Auth", Caller.NO_TOKEN, "c=1 invalid_field, closed 4003", jimRefusal(obj("tt", 1)));
        check("/jim Cmd_Auth", Caller.LOGGED_OUT, "c=3 token_invalid, closed 4003",
                jimRefusal(JimClient.authTokenRequest(revoked.get(Caller.LOGGED_OUT).token(), 1)));
        check("/jim Cmd_Auth", Caller.DEVICE_REMOVED, "c=3 token_invalid, closed 4003",
                jimRefusal(JimClient.authTokenRequest(revoked.get(Caller.DEVICE_REMOVED).token(), 1)));
        check("/jim Cmd_Auth", Caller.USER_DISABLED, "c=3 token_invalid, closed 4003",
                jimRefusal(JimClient.authTokenRequest(revoked.get(Caller.USER_DISABLED).token(), 1)));

        // Strangers: every frame refused, nothing changed.
        Map<Caller, WsClient> sockets = new EnumMap<>(Caller.class);
        Map<Caller, JimClient> sessions = new EnumMap<>(Caller.class);
        try {
            for (Caller caller : STRANGERS) {
                Login login = strangers.get(caller);
                sockets.put(caller, people.connect(login));
                sessions.put(caller, people.jim(strangersOnJim.get(caller)));
                people.awaitOnline(login);
            }
            Map<String, String> before = Db.snapshotAll(NOT_COMPARED);
            for (Caller caller : STRANGERS) {
                for (Row<String> row : wsRows()) {
                    check(row, caller, wsOutcome(sockets.get(caller), row.frame().apply(world, strangers.get(caller))));
                }
                for (Row<JimRequest> row : jimRows()) {
                    check(row, caller, jimOutcome(sessions.get(caller), row.frame().apply(world, strangersOnJim.get(caller))));
                }
            }
            assertEquals(before, Db.snapshotAll(NOT_COMPARED), "the strangers' refused frames changed the database");
            for (Caller caller : STRANGERS) {
                check("/jim Cmd_SignOut", caller, "closed 4004", jimSignOut(sessions.get(caller)));
            }
        } finally {
            sockets.values().forEach(WsClient::close);
            sessions.values().forEach(JimClient::close);
        }

        // The owner: every frame accepted.
        Login phone = people.login(world.owner(), "phone");
        try (WsClient socket = people.connect(phone)) {
            // Wait for the backlog first: a cell's answer must not be mistaken for it.
            JsonObject waiting = socket.nextJson(WAIT);
            assertEquals(world.m2(), waiting.getString("id"), waiting::toString);
            for (Row<String> row : wsRows()) {
                check(row, Caller.OWNER, wsOutcome(socket, row.frame().apply(world, phone)));
            }
        }
        assertEquals(0, Db.count("select count(*) from delivery d join device v on v.id = d.device_id "
                + "join app_user u on u.id = v.user_id where u.account = ? and v.did = ?", world.owner().account(), "phone"),
                "the owner's acknowledgement settled its backlog");
        Login jim = people.login(world.owner(), "jim-device");
        try (JimClient session = people.jim(jim)) {
            for (Row<JimRequest> row : jimRows()) {
                check(row, Caller.OWNER, jimOutcome(session, row.frame().apply(world, jim)));
            }
            check("/jim Cmd_SignOut", Caller.OWNER, "closed 4004", jimSignOut(session));
        }

        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + cells + " cells differ:\n" + String.join("\n", mismatches));
        System.out.printf("FrameAuthorizationMatrixIT: %d frame cells checked%n", cells);
    }

    /**
     * The acknowledgement first: the owner must settle the friend's message before its first resend
     * (5 s) could arrive in the middle of another cell.
     */
    private static List<Row<String>> wsRows() {
        return List.of(
                ws("CLIENT_ACK of the owner's waiting message", (w, me) -> Frames.ack("C2C", w.m2(), me.did()),
                        "error:unknown_message", "nothing"),
                ws("CLIENT_ACK naming another device", (w, me) -> Frames.ack("C2C", w.m2(), "someone-elses-device"),
                        "error:bad_ack", "error:bad_ack"),
                ws("ping", (w, me) -> "ping", "pong2", "pong2"),
                ws("C2C to the owner's friend", (w, me) -> Frames.c2c(Frames.newId(), w.friend().uid(), "hi"),
                        "S2C:not_a_friend", "C2C_SERVER_ACK"),
                ws("C2C from the owner", (w, me) -> "{\"type\":\"C2C\",\"id\":\"" + Frames.newId() + "\",\"from\":\""
                        + w.owner().uid() + "\",\"to\":\"" + w.friend().uid() + "\",\"created_at\":1,\"payload\":{\"msg_type\":\"text\",\"text\":\"x\"}}",
                        "error:forged_from", "C2C_SERVER_ACK"),
                ws("C2G to the owner's group", (w, me) -> c2g(Frames.newId(), w.gid()), "error:not_a_member", "C2G_SERVER_ACK"),
                // Edits before the revokes: a revoked message is not editable.
                ws("C2C_EDIT of the owner's message", (w, me) -> edit("C2C_EDIT", w.m1(), w.friend().uid()),
                        "error:unknown_message", "C2C_EDIT_ACK"),
                ws("C2G_EDIT of the owner's group message", (w, me) -> edit("C2G_EDIT", w.g1(), w.gid()),
                        "error:unknown_message", "C2G_EDIT_ACK"),
                ws("C2C_REVOKE of the owner's message", (w, me) -> revoke("C2C_REVOKE", w.m1(), w.friend().uid()),
                        "error:unknown_message", "C2C_REVOKE_ACK"),
                ws("C2G_REVOKE of the owner's group message", (w, me) -> revoke("C2G_REVOKE", w.g1(), w.gid()),
                        "error:unknown_message", "C2G_REVOKE_ACK"),
                // Reads and typing answer nothing when done; an outsider learns nothing but "not yours".
                ws("C2C_READ of the owner's conversation", (w, me) -> "{\"type\":\"C2C_READ\",\"to\":\"" + w.friend().uid()
                        + "\",\"seq\":1}", "error:not_found", "nothing"),
                ws("C2G_READ of the owner's group", (w, me) -> "{\"type\":\"C2G_READ\",\"to\":\"" + w.gid() + "\",\"seq\":1}",
                        "error:not_found", "nothing"),
                ws("C2G_TYPING to the owner's group", (w, me) -> "{\"type\":\"C2G_TYPING\",\"to\":\"" + w.gid() + "\"}",
                        "error:not_a_member", "nothing"));
    }

    /** A JIM request: its command and data. */
    record JimRequest(int cmd, JsonObject data) {
    }

    private static List<Row<JimRequest>> jimRows() {
        return List.of(
                jim("Cmd_Msg to the owner's friend", (w, me) -> new JimRequest(JimWire.MSG, jimMessage(null, contact(w.friendId(), 1))),
                        "refused:not_a_friend", "stored"),
                jim("Cmd_Msg from the owner", (w, me) -> new JimRequest(JimWire.MSG,
                        jimMessage(contact(w.ownerId(), 1), contact(w.friendId(), 1))), "refused:forged_from", "stored"),
                jim("Cmd_Msg to the owner's group", (w, me) -> new JimRequest(JimWire.MSG, jimMessage(null, contact(w.groupId(), 2))),
                        "refused:not_a_member", "stored"),
                jim("Cmd_GetMsg of the owner's conversation", (w, me) -> new JimRequest(JimWire.GET_MSG,
                        obj("u", w.ownerId(), "c", contact(w.friendId(), 1))), "error:forbidden", "ms:some"),
                jim("Cmd_GetMsg of the owner's group", (w, me) -> new JimRequest(JimWire.GET_MSG,
                        obj("c", contact(w.groupId(), 2))), "ms:none", "ms:some"),
                jim("Cmd_GetMsgHistory of the owner's conversation", (w, me) -> new JimRequest(JimWire.GET_MSG_HISTORY,
                        obj("u", w.ownerId(), "c", contact(w.friendId(), 1))), "error:forbidden", "history:some"),
                jim("Cmd_GetRecentContact of the owner", (w, me) -> new JimRequest(JimWire.GET_RECENT_CONTACT,
                        obj("uid", w.ownerId())), "error:forbidden", "cs:some"),
                jim("Cmd_GetMsgBodys of the owner's messages", (w, me) -> new JimRequest(JimWire.GET_MSG_BODYS,
                        obj("ids", Json.createArrayBuilder().add(w.m1Mid()).add(w.g1Mid()).build())), "ms:none", "ms:2"),
                jim("Cmd_Auth again", (w, me) -> new JimRequest(JimWire.AUTH, JimClient.authTokenRequest(me.token(), 1)),
                        "error:forbidden", "error:forbidden"),
                // The roster, groups and user info: what is not the caller's is forbidden, or not there.
                jim("Cmd_GetAllRoster of the owner", (w, me) -> new JimRequest(JimWire.GET_ALL_ROSTER, obj("uid", w.ownerId())),
                        "error:forbidden", "rs:1"),
                jim("Cmd_GetRosters of the owner's friend", (w, me) -> new JimRequest(JimWire.GET_ROSTERS,
                        obj("ruids", Json.createArrayBuilder().add(w.friendId()).build())), "rs:0", "rs:1"),
                jim("Cmd_GetRosterRequests of the owner", (w, me) -> new JimRequest(JimWire.GET_ROSTER_REQUESTS, obj("uid", w.ownerId())),
                        "error:forbidden", "rs:1"),
                jim("Cmd_SetRoster of the owner", (w, me) -> new JimRequest(JimWire.SET_ROSTER,
                        obj("uid", w.ownerId(), "ruid", w.friendId(), "r", "mine")), "error:forbidden", "code:0"),
                jim("Cmd_SetRoster of the owner's friend", (w, me) -> new JimRequest(JimWire.SET_ROSTER,
                        obj("ruid", w.friendId(), "g", "theirs")), "code:2", "code:0"),
                jim("Cmd_RosterRequest as the owner", (w, me) -> new JimRequest(JimWire.ROSTER_REQUEST,
                        obj("fuid", w.ownerId(), "tuid", w.friendId())), "error:forbidden", "code:4"),
                jim("Cmd_SetIgnoreRosterRequest for the owner", (w, me) -> new JimRequest(JimWire.SET_IGNORE_ROSTER_REQUEST,
                        obj("uid", w.ownerId(), "ruid", w.friendId(), "type", 0)), "error:forbidden", "code:0"),
                jim("Cmd_GetRosterChanged of the owner", (w, me) -> new JimRequest(JimWire.GET_ROSTER_CHANGED,
                        obj("st", 0, "uid", w.ownerId())), "error:forbidden", "ns:some"),
                jim("Cmd_GetRosterChanged of the caller", (w, me) -> new JimRequest(JimWire.GET_ROSTER_CHANGED, obj("st", 0)),
                        "ns:none", "ns:some"),
                jim("Cmd_GetGroupChanged of the owner's group", (w, me) -> new JimRequest(JimWire.GET_GROUP_CHANGED,
                        obj("st", 0, "gids", Json.createArrayBuilder().add(w.groupId()).build())), "ns:none", "ns:some"),
                jim("Cmd_GetUserInfos of the owner and the friend", (w, me) -> new JimRequest(JimWire.GET_USER_INFOS,
                        obj("uids", Json.createArrayBuilder().add(w.ownerId()).add(w.friendId()).build())), "infos:0", "infos:2"),
                jim("Cmd_GetGids of the owner", (w, me) -> new JimRequest(JimWire.GET_GIDS, obj("uid", w.ownerId())),
                        "error:forbidden", "gids:1"),
                jim("Cmd_GetGroups of the owner's group", (w, me) -> new JimRequest(JimWire.GET_GROUPS,
                        obj("gids", Json.createArrayBuilder().add(w.groupId()).build())), "gs:0", "gs:1"),
                jim("Cmd_GetGroupsMembers of the owner's group", (w, me) -> new JimRequest(JimWire.GET_GROUPS_MEMBERS,
                        obj("gids", Json.createArrayBuilder().add(w.groupId()).build())), "members:0", "members:2"),
                jim("Cmd_SetGroup of the owner's group", (w, me) -> new JimRequest(JimWire.SET_GROUP,
                        obj("gid", w.groupId(), "n", "renamed")), "code:2", "code:0"),
                jim("Cmd_AddGroupMembers of a member again", (w, me) -> new JimRequest(JimWire.ADD_GROUP_MEMBERS,
                        obj("gid", w.groupId(), "ms", Json.createArrayBuilder().add(obj("uid", w.memberId())).build())), "code:2", "code:0"),
                jim("Cmd_SetGroupMember of the owner's member", (w, me) -> new JimRequest(JimWire.SET_GROUP_MEMBER,
                        obj("gid", w.groupId(), "uid", w.memberId(), "p", 2)), "code:2", "code:0"),
                jim("Cmd_RemoveGroupMembers of a non-member", (w, me) -> new JimRequest(JimWire.REMOVE_GROUP_MEMBERS,
                        obj("gid", w.groupId(), "ms", Json.createArrayBuilder().add(obj("uid", w.friendId())).build())), "code:2", "code:2"),
                jim("Cmd_CreateGroup owned by the owner", (w, me) -> new JimRequest(JimWire.CREATE_GROUP,
                        obj("name", "theirs", "owner", w.ownerId())), "error:forbidden", "code:0"),
                // The push mute list (docs/PUSH.md): only the caller's own. 0x72/0x73 name no one but the socket's device.
                jim("Cmd_SetMsgPush of the owner", (w, me) -> new JimRequest(JimWire.SET_MSG_PUSH,
                        obj("uid", w.ownerId(), "c", contact(w.friendId(), 1), "np", false)), "error:forbidden", "code:0"),
                jim("Cmd_GetMsgPush of the owner", (w, me) -> new JimRequest(JimWire.GET_MSG_PUSH,
                        obj("uid", w.ownerId(), "c", contact(w.friendId(), 1))), "error:forbidden", "np:left out"),
                // Last, as they change what the rows above read.
                jim("Cmd_HandleRosterRequest to the owner", (w, me) -> new JimRequest(JimWire.HANDLE_ROSTER_REQUEST,
                        obj("rrid", w.requestId(), "type", 1)), "code:2", "code:0"),
                jim("Cmd_RemoveRoster of the owner's friend", (w, me) -> new JimRequest(JimWire.REMOVE_ROSTER,
                        obj("ruid", w.friendId())), "code:2", "code:0"),
                jim("Cmd_RemoveGroup of the owner's group", (w, me) -> new JimRequest(JimWire.REMOVE_GROUP, obj("gid", w.groupId())),
                        "code:2", "code:0"));
    }

    private static Row<String> ws(String name, BiFunction<World, Login, String> frame, String stranger, String owner) {
        return new Row<>("/ws " + name, frame, expected(stranger, owner));
    }

    private static Row<JimRequest> jim(String name, BiFunction<World, Login, JimRequest> request, String stranger, String owner) {
        return new Row<>("/jim " + name, request, expected(stranger, owner));
    }

    private static Map<Caller, String> expected(String stranger, String owner) {
        Map<Caller, String> expected = new EnumMap<>(Caller.class);
        STRANGERS.forEach(caller -> expected.put(caller, stranger));
        expected.put(Caller.OWNER, owner);
        return expected;
    }

    private void check(Row<?> row, Caller caller, String outcome) {
        check(row.name(), caller, row.expected().get(caller), outcome);
    }

    private void check(String name, Caller caller, String expected, String outcome) {
        cells++;
        if (!expected.equals(outcome)) {
            mismatches.add(name + " as " + caller + ": expected " + expected + ", got " + outcome);
        }
    }

    /**
     * Sends the frame, then a {@code ping} as a barrier: the socket answers in order, so everything
     * before the barrier's {@code pong2} is the frame's answer ("nothing" for a silent one).
     */
    private static String wsOutcome(WsClient socket, String frame) {
        socket.send(frame);
        socket.send("ping");
        int pongs = frame.equals("ping") ? 2 : 1;
        List<String> answers = new ArrayList<>();
        while (true) {
            String text = socket.nextText(WAIT);
            if (text.equals("pong2") && --pongs == 0) {
                return answers.isEmpty() ? "nothing" : String.join(" + ", answers);
            }
            answers.add(render(text));
        }
    }

    private static String render(String text) {
        if (!text.startsWith("{")) {
            return text;
        }
        JsonObject frame;
        try (var reader = Json.createReader(new StringReader(text))) {
            frame = reader.readObject();
        }
        String type = frame.getString("type", "?");
        return switch (type) {
            case "error" -> "error:" + frame.getJsonObject("payload").getString("reason", "?");
            case "S2C" -> "S2C:" + frame.getJsonObject("payload").getString("msg_type", "?");
            default -> type;
        };
    }

    /**
     * The answer to the request. The server's own Requests on the way (the group notices of the
     * owner's own group changes, which may come before or after the answer) are not an answer.
     */
    private static String jimOutcome(JimClient session, JimRequest request) {
        int sid = JimClient.freshSid();
        session.send(request.cmd(), JimWire.REQUEST, sid, request.data());
        JimPacket answer = session.next(WAIT);
        while (answer.type() == JimWire.REQUEST && answer.sid() != sid) {
            answer = session.next(WAIT);
        }
        assertEquals(sid, answer.sid(), answer::toString);
        JsonObject data = answer.json();
        if (answer.type() == JimWire.ERROR) {
            return "error:" + data.getString("reason", "?");
        }
        return switch (request.cmd()) {
            case JimWire.MSG -> data.getJsonNumber("mid").longValue() > 0 ? "stored" : "refused:" + data.getString("reason", "?");
            case JimWire.GET_MSG -> "ms:" + (data.getJsonArray("ms").isEmpty() ? "none" : "some");
            case JimWire.GET_MSG_BODYS -> data.getJsonArray("ms").isEmpty() ? "ms:none" : "ms:" + data.getJsonArray("ms").size();
            case JimWire.GET_MSG_HISTORY -> "history:"
                    + (data.getJsonArray("is").isEmpty() && data.getJsonArray("os").isEmpty() ? "none" : "some");
            case JimWire.GET_RECENT_CONTACT -> "cs:" + (data.getJsonArray("cs").isEmpty() ? "none" : "some");
            case JimWire.GET_ALL_ROSTER, JimWire.GET_ROSTERS, JimWire.GET_ROSTER_REQUESTS -> "rs:" + data.getJsonArray("rs").size();
            case JimWire.GET_USER_INFOS -> "infos:" + data.getJsonArray("infos").size();
            case JimWire.GET_GIDS -> "gids:" + data.getJsonArray("gids").size();
            case JimWire.GET_GROUPS -> "gs:" + data.getJsonArray("gs").size();
            case JimWire.GET_GROUPS_MEMBERS -> "members:" + data.getJsonArray("ms").size();
            case JimWire.GET_ROSTER_CHANGED, JimWire.GET_GROUP_CHANGED -> "ns:" + (data.getJsonArray("ns").isEmpty() ? "none" : "some");
            // The seed leaves np out for a muted contact.
            case JimWire.GET_MSG_PUSH -> "np:" + (data.containsKey("np") ? data.get("np").toString() : "left out");
            default -> data.containsKey("code") ? "code:" + data.getInt("code") : "response " + data;
        };
    }

    private static String wsRefusal(Login login) {
        Map<String, String> headers = login == null ? Map.of() : Map.of("Authorization", "Bearer " + login.token(), "did", login.did());
        try (WsClient socket = WsClient.connect(Server.wsUri(Server.baseUri(), "/ws"), headers)) {
            String first = render(socket.nextText(WAIT));
            return first + ", closed " + socket.awaitClose(WAIT).code();
        }
    }

    private static String jimRefusal(JsonObject auth) {
        try (JimClient session = JimClient.connect()) {
            JsonObject reply = session.authenticate(auth).json();
            return "c=" + reply.getInt("c") + " " + reply.getString("reason", "") + ", closed " + session.awaitClose(WAIT).code();
        }
    }

    private static String jimSignOut(JimClient session) {
        session.send(JimWire.SIGN_OUT, JimWire.REQUEST, JimClient.freshSid(), null);
        return "closed " + session.awaitClose(WAIT).code();
    }

    /** Set-up through a device of the owner's that is gone before the matrix's own devices log in. */
    private World world() {
        TestUser owner = people.user("owner");
        TestUser friend = people.user("friend");
        TestUser member = people.user("member");
        people.befriend(owner, friend);
        Login setup = people.login(owner, "setup");
        String m1 = Frames.newId();
        String g1 = Frames.newId();
        String gid;
        String title = "frames-" + Frames.newId();
        try (WsClient socket = people.connect(setup)) {
            socket.send(Frames.c2c(m1, friend.uid(), "to revoke"));
            assertEquals("C2C_SERVER_ACK", awaitType(socket, "C2C_SERVER_ACK").getString("type"));
            gid = people.group(setup, title, member);
            socket.send(c2g(g1, gid));
            awaitType(socket, "C2G_SERVER_ACK");
        }
        people.removeDevice(setup);
        // A request waiting for the owner's decision, made while the owner has no device.
        TestUser asker = people.user("asker");
        Login askerDevice = people.login(asker, "phone");
        assertEquals(201, rest.post("/api/friends/requests", obj("to", owner.uid()).toString(), askerDevice.token()).status());
        // Logged in before the friend writes, so the message waits in this device's backlog.
        people.login(owner, "phone");
        String m2 = Frames.newId();
        try (WsClient socket = people.connect(friend, "phone")) {
            socket.send(Frames.c2c(m2, owner.uid(), "ack me"));
            awaitType(socket, "C2C_SERVER_ACK");
        }
        return new World(owner, friend, gid, rawId(owner), rawId(friend),
                Db.count("select id from chat_group where title = ?", title),
                m1, g1, m2, mid(owner, m1), mid(owner, g1), rawId(member),
                Db.count("select id from friend_request where to_user_id = ?", rawId(owner)));
    }

    private static JsonObject awaitType(WsClient socket, String type) {
        while (true) {
            JsonObject frame = socket.nextJson(WAIT);
            if (type.equals(frame.getString("type", null))) {
                return frame;
            }
            if ("error".equals(frame.getString("type", null))) {
                throw new AssertionError("expected " + type + ", got " + frame);
            }
        }
    }

    /** A login for each way of losing a token: logged out, device removed, account disabled (none: no token at all). */
    private Map<Caller, Login> revokedLogins(Login admin) {
        Users.Revoked revoked = people.revokedLogins(admin);
        Map<Caller, Login> logins = new EnumMap<>(Caller.class);
        logins.put(Caller.LOGGED_OUT, revoked.loggedOut());
        logins.put(Caller.DEVICE_REMOVED, revoked.deviceRemoved());
        logins.put(Caller.USER_DISABLED, revoked.userDisabled());
        return logins;
    }

    private static String c2g(String id, String gid) {
        return "{\"type\":\"C2G\",\"id\":\"" + id + "\",\"to\":\"" + gid + "\",\"created_at\":1,\"payload\":{\"msg_type\":\"text\",\"text\":\"x\"}}";
    }

    private static String edit(String type, String id, String to) {
        return "{\"type\":\"" + type + "\",\"id\":\"" + id + "\",\"to\":\"" + to + "\",\"text\":\"edited " + Frames.newId() + "\"}";
    }

    private static String revoke(String type, String id, String to) {
        return "{\"type\":\"" + type + "\",\"id\":\"" + id + "\",\"to\":\"" + to + "\"}";
    }

    private static JsonObject contact(long id, int t) {
        return obj("id", id, "t", t);
    }

    private static JsonObject jimMessage(JsonObject from, JsonObject to) {
        var message = Json.createObjectBuilder().add("to", to).add("id", JIM_IDS.incrementAndGet())
                .add("st", System.currentTimeMillis()).add("bd", Json.createArrayBuilder().add(obj("t", 1, "d", "x")));
        if (from != null) {
            message.add("fr", from);
        }
        return message.build();
    }

    private static long rawId(TestUser user) {
        return Db.count("select id from app_user where account = ?", user.account());
    }

    private static long mid(TestUser sender, String wireId) {
        return Db.count("select m.id from message m join app_user u on u.id = m.sender_id where u.account = ? and m.wire_id = ?",
                sender.account(), wireId);
    }
}
