package io.chorus.web.dialect.b;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.friend.FriendService;
import io.chorus.app.friend.FriendViews.AcceptCommand;
import io.chorus.app.friend.FriendViews.FriendPatch;
import io.chorus.app.friend.FriendViews.FriendView;
import io.chorus.app.friend.FriendViews.RequestCommand;
import io.chorus.app.friend.FriendViews.RequestView;
import io.chorus.app.identity.PublicIds;
import io.chorus.web.protocol.b.JimJson;
import io.chorus.web.protocol.b.Packet;
import io.chorus.web.protocol.b.RosterCodec;
import io.chorus.web.protocol.b.RosterCodec.Roster;
import io.chorus.web.protocol.b.SeedResult;
import io.chorus.web.protocol.b.ServerPackets;
import io.chorus.web.socket.ClientConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The roster commands (CMD 0x80–0x89): the caller's friend list, its friend requests and its
 * deny-list, all through {@link FriendService} as dialect A's REST API is, so a JIM user and a /ws
 * user see one friend list. The roster's group {@code g} is the friend entry's {@code role} (Chorus
 * has no second free-text field per friend); the seed's request ignore list is the deny-list.
 */
@ApplicationScoped
class RosterCommands {
    /** Entries per {@code Cmd_GetRosters} and requests per {@code Cmd_GetRosterRequests}. */
    static final int MAX_LIST = 200;

    @Inject
    FriendService friends;

    @Inject
    PublicIds ids;

    @Inject
    ServerPackets packets;

    /** {@code Cmd_GetAllRoster {uid}} → {@code {uid, rs}}. */
    void getAllRoster(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        JsonObject data = JimJson.readObject(packet.data());
        SeedCodes.requireOwnUid(caller, JimJson.readLong(data, "uid", 0, Long.MAX_VALUE, 0), "uid");
        List<Roster> rs = friends.friends(caller).stream().map(friend -> roster(caller, friend)).toList();
        connection.sendBinary(packets.response(packet, RosterCodec.rosters(caller.userId(), rs)), null);
    }

    /** {@code Cmd_GetRosters {uid, ruids}} → {@code {uid, rs}}: those of {@code ruids} that are friends, in the order asked. */
    void getRosters(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        JsonObject data = JimJson.readObject(packet.data());
        SeedCodes.requireOwnUid(caller, JimJson.readLong(data, "uid", 0, Long.MAX_VALUE, 0), "uid");
        List<Long> ruids = JimJson.readIds(data, "ruids", MAX_LIST);
        Map<Long, Roster> mine = new HashMap<>();
        friends.friends(caller).forEach(friend -> mine.put(ids.decode(friend.uid()), roster(caller, friend)));
        List<Roster> rs = ruids.stream().distinct().map(mine::get).filter(Objects::nonNull).toList();
        connection.sendBinary(packets.response(packet, RosterCodec.rosters(caller.userId(), rs)), null);
    }

    /** {@code Cmd_SetRoster {uid, ruid, r, g}} → {@code {code}}; a field left out stays as it is. */
    void setRoster(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        JsonObjectBuilder result = SeedCodes.attempt(() -> {
            JsonObject data = JimJson.readObject(packet.data());
            SeedCodes.requireOwnUid(caller, JimJson.readLong(data, "uid", 0, Long.MAX_VALUE, 0), "uid");
            long ruid = requiredId(data, "ruid");
            friends.update(caller, ids.encode(ruid), new FriendPatch(JimJson.readString(data, "r", RosterCodec.MAX_REMARK),
                    JimJson.readString(data, "g", RosterCodec.MAX_REMARK), null, null));
            return SeedResult.ok();
        }, code -> code == ErrorCode.NOT_FOUND ? RosterCodec.CHANGE_NOT_EXIST : RosterCodec.CHANGE_INVALID_FORMAT);
        connection.sendBinary(packets.response(packet, result.build()), null);
    }

    /**
     * {@code Cmd_RemoveRoster {uid, ruid}} → {@code {uid, ruid, code}}. One-sided, as a REST delete is
     * (ARCHITECTURE.md decisions), where the Go server removed both directions.
     */
    void removeRoster(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        long[] ruid = {0};
        JsonObjectBuilder result = SeedCodes.attempt(() -> {
            JsonObject data = JimJson.readObject(packet.data());
            SeedCodes.requireOwnUid(caller, JimJson.readLong(data, "uid", 0, Long.MAX_VALUE, 0), "uid");
            ruid[0] = requiredId(data, "ruid");
            friends.delete(caller, ids.encode(ruid[0]));
            return SeedResult.ok();
        }, code -> code == ErrorCode.NOT_FOUND ? RosterCodec.CHANGE_NOT_EXIST : RosterCodec.CHANGE_INVALID_FORMAT);
        connection.sendBinary(packets.response(packet, RosterCodec.removed(caller.userId(), ruid[0], result)), null);
    }

    /**
     * {@code Cmd_RosterRequest {fuid, tuid, verify, remark, group}} → {@code {code, rrid}}; the
     * target's devices get the stored {@code apply_friend}, a JIM device as a {@code Cmd_RosterRequest}
     * Request ({@link JimDialect}). Asking again while the caller's request is open answers that request.
     */
    void rosterRequest(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        long[] rrid = {0};
        JsonObjectBuilder result = SeedCodes.attempt(() -> {
            JsonObject data = JimJson.readObject(packet.data());
            SeedCodes.requireOwnUid(caller, JimJson.readLong(data, "fuid", 0, Long.MAX_VALUE, 0), "fuid");
            long tuid = requiredId(data, "tuid");
            RequestView request = friends.request(caller, new RequestCommand(ids.encode(tuid),
                    JimJson.readString(data, "verify", RosterCodec.MAX_VERIFY), null,
                    JimJson.readString(data, "remark", RosterCodec.MAX_REMARK), JimJson.readString(data, "group", RosterCodec.MAX_REMARK),
                    null, null)).request();
            rrid[0] = ids.decode(request.id());
            return SeedResult.ok();
        }, RosterCommands::requestNumber);
        connection.sendBinary(packets.response(packet, RosterCodec.withRequestId(result, rrid[0])), null);
    }

    private static int requestNumber(ErrorCode code) {
        return switch (code) {
            case NOT_FOUND -> RosterCodec.REQUEST_TO_NOT_EXIST;
            case ALREADY_FRIENDS -> RosterCodec.REQUEST_ROSTER_ALREADY;
            case IN_DENYLIST -> RosterCodec.REQUEST_ROSTER_IGNORE;
            default -> RosterCodec.REQUEST_INVALID_FORMAT;
        };
    }

    /**
     * {@code Cmd_GetRosterRequests {uid, st, sz}} → {@code {rs}}: the requests waiting for the caller's
     * decision (an ignored one no longer waits), made after {@code st}, oldest first, at most {@code sz}.
     */
    void getRosterRequests(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        JsonObject data = JimJson.readObject(packet.data());
        SeedCodes.requireOwnUid(caller, JimJson.readLong(data, "uid", 0, Long.MAX_VALUE, 0), "uid");
        long after = JimJson.readLong(data, "st", 0, Long.MAX_VALUE, 0);
        int size = JimJson.readInt(data, "sz", 1, MAX_LIST, MAX_LIST);
        List<RosterCodec.Request> rs = friends.requests(caller, "in").stream()
                .filter(request -> request.created_at() > after)
                .sorted(Comparator.comparingLong(RequestView::created_at))
                .limit(size)
                .map(request -> new RosterCodec.Request(ids.decode(request.id()), ids.decode(request.from()), ids.decode(request.to()),
                        request.msg(), RosterCodec.STATUS_WAITING, request.created_at()))
                .toList();
        connection.sendBinary(packets.response(packet, RosterCodec.requests(rs)), null);
    }

    /**
     * {@code Cmd_HandleRosterRequest {rrid, type, remark, group}} → {@code {code, rrid}}: accept (1) or
     * reject (2) a request addressed to the caller. An accept tells the applicant
     * ({@code apply_friend_confirm}; on JIM {@code Cmd_HandleRosterRequestNotification}); a reject
     * tells nobody, as on REST.
     */
    void handleRosterRequest(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        long[] rrid = {0};
        JsonObjectBuilder result = SeedCodes.attempt(() -> {
            JsonObject data = JimJson.readObject(packet.data());
            rrid[0] = requiredId(data, "rrid");
            int type = JimJson.readInt(data, "type", RosterCodec.HANDLE_ACCEPT, RosterCodec.HANDLE_REJECT, 0);
            String remark = JimJson.readString(data, "remark", RosterCodec.MAX_REMARK);
            String group = JimJson.readString(data, "group", RosterCodec.MAX_REMARK);
            switch (type) {
                case RosterCodec.HANDLE_ACCEPT -> friends.accept(caller, ids.encode(rrid[0]), new AcceptCommand(remark, group, null, null));
                case RosterCodec.HANDLE_REJECT -> friends.reject(caller, ids.encode(rrid[0]));
                default -> throw ChorusException.invalid("type must be 1 (accept) or 2 (reject)");
            }
            return SeedResult.ok();
        }, code -> switch (code) {
            case NOT_FOUND -> RosterCodec.HANDLE_NOT_EXIST;
            case REQUEST_CLOSED -> RosterCodec.HANDLE_ALREADY;
            default -> RosterCodec.HANDLE_INVALID_REQUEST;
        });
        connection.sendBinary(packets.response(packet, RosterCodec.withRequestId(result, rrid[0])), null);
    }

    /**
     * {@code Cmd_SetIgnoreRosterRequest {uid, ruid, type}} → {@code {code}}: {@code type} 1 puts
     * {@code ruid} on the caller's deny-list (its requests get 5 RosterIgnore, and on Chorus its
     * messages are refused too), 0 takes it off.
     */
    void setIgnoreRosterRequest(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        JsonObjectBuilder result = SeedCodes.attempt(() -> {
            JsonObject data = JimJson.readObject(packet.data());
            SeedCodes.requireOwnUid(caller, JimJson.readLong(data, "uid", 0, Long.MAX_VALUE, 0), "uid");
            long ruid = requiredId(data, "ruid");
            if (JimJson.readInt(data, "type", 0, 1, 0) == 1) {
                friends.deny(caller, ids.encode(ruid));
            } else {
                friends.undeny(caller, ids.encode(ruid));
            }
            return SeedResult.ok();
        }, code -> RosterCodec.IGNORE_INVALID_REQUEST);
        connection.sendBinary(packets.response(packet, result.build()), null);
    }

    private Roster roster(Caller caller, FriendView friend) {
        return new Roster(caller.userId(), ids.decode(friend.uid()), friend.remark(), friend.role(), friend.since());
    }

    static long requiredId(JsonObject data, String field) {
        long id = JimJson.readLong(data, field, 0, Long.MAX_VALUE, 0);
        if (id == 0) {
            throw ChorusException.invalid(field + " is required");
        }
        return id;
    }
}
