package io.chorus.web.protocol.b;

import io.chorus.app.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * The roster commands' JSON (0x80–0x8A, seed {@code core/rosters}): a {@link Roster} entry
 * {@code {uid, ruid, r, g, st}}, a {@link Request} {@code {rrid, fuid, tuid, verify, status, stamp}},
 * the answers' result numbers, and the two notifications the server sends. Requests are read with
 * {@link JimJson}; these write what the Go server wrote, {@code omitempty} where it had it.
 */
public final class RosterCodec {
    /** {@code Cmd_SetRoster} / {@code Cmd_RemoveRoster}: RosterChangeCode. */
    public static final int CHANGE_INVALID_FORMAT = 1;
    public static final int CHANGE_NOT_EXIST = 2;
    /** {@code Cmd_RosterRequest}: RosterRequestCode. */
    public static final int REQUEST_INVALID_FORMAT = 1;
    public static final int REQUEST_FROM_NOT_EXIST = 2;
    public static final int REQUEST_TO_NOT_EXIST = 3;
    public static final int REQUEST_ROSTER_ALREADY = 4;
    public static final int REQUEST_ROSTER_IGNORE = 5;
    /** {@code Cmd_HandleRosterRequest}: HandleRosterRequestCode. */
    public static final int HANDLE_INVALID_REQUEST = 1;
    public static final int HANDLE_NOT_EXIST = 2;
    public static final int HANDLE_ALREADY = 3;
    /** {@code Cmd_SetIgnoreRosterRequest}: SetIgnoreRequestCode. */
    public static final int IGNORE_INVALID_REQUEST = 1;

    /** A request's status: RosterRequestStatus. */
    public static final int STATUS_WAITING = 1;
    public static final int STATUS_ACCEPT = 2;
    public static final int STATUS_REJECT = 3;
    /** {@code Cmd_HandleRosterRequest.type} and the notification's. */
    public static final int HANDLE_ACCEPT = 1;
    public static final int HANDLE_REJECT = 2;
    /** {@code Cmd_RosterChangedNotification.t}: RosterChangeType. */
    public static final int CHANGE_ADDED = 1;
    public static final int CHANGE_UPDATED = 2;
    public static final int CHANGE_REMOVED = 3;
    /** The seed's {@code varchar(50)} remark and group; {@code varchar(300)} verify text. */
    public static final int MAX_REMARK = 50;
    public static final int MAX_VERIFY = 300;

    private RosterCodec() {
    }

    /** One entry of {@code uid}'s roster: how {@code uid} lists {@code ruid}, since {@code stamp} (ms). */
    public record Roster(long uid, long ruid, String remark, String group, long stamp) {
    }

    /** A friend request as JIM shows it. */
    public record Request(long rrid, long fuid, long tuid, String verify, int status, long stamp) {
    }

    /** {@code {uid, rs: [Roster]}}: {@code Cmd_GetAllRoster} and {@code Cmd_GetRosters}. */
    public static JsonObject rosters(long uid, List<Roster> rosters) {
        JsonArrayBuilder rs = Jsonp.array();
        rosters.forEach(roster -> rs.add(roster(roster)));
        return Jsonp.object().add("uid", uid).add("rs", rs).build();
    }

    static JsonObject roster(Roster roster) {
        JsonObjectBuilder o = Jsonp.object().add("uid", roster.uid()).add("ruid", roster.ruid());
        addText(o, "r", roster.remark());
        addText(o, "g", roster.group());
        if (roster.stamp() != 0) {
            o.add("st", roster.stamp());
        }
        return o.build();
    }

    /** {@code Cmd_RemoveRoster}'s answer: {@code {uid, ruid, code}} (and why, when refused). */
    public static JsonObject removed(long uid, long ruid, JsonObjectBuilder result) {
        return result.add("uid", uid).add("ruid", ruid).build();
    }

    /** {@code Cmd_RosterRequest}'s and {@code Cmd_HandleRosterRequest}'s answer: {@code {code, rrid}}. */
    public static JsonObject withRequestId(JsonObjectBuilder result, long rrid) {
        return result.add("rrid", rrid).build();
    }

    /** {@code {rs: [RosterRequest]}}: {@code Cmd_GetRosterRequests}. */
    public static JsonObject requests(List<Request> requests) {
        JsonArrayBuilder rs = Jsonp.array();
        requests.forEach(request -> rs.add(request(request)));
        return Jsonp.object().add("rs", rs).build();
    }

    /** A request: in {@code Cmd_GetRosterRequests}, and the {@code Cmd_RosterRequest} Request to its target. */
    public static JsonObject request(Request request) {
        JsonObjectBuilder o = Jsonp.object();
        if (request.rrid() != 0) {
            o.add("rrid", request.rrid());
        }
        o.add("fuid", request.fuid()).add("tuid", request.tuid());
        addText(o, "verify", request.verify());
        return o.add("status", request.status()).add("stamp", request.stamp()).build();
    }

    /** {@code Cmd_HandleRosterRequestNotification {fuid, tuid, type, rrid}}: to the applicant. */
    public static JsonObject handled(long fuid, long tuid, int type, long rrid) {
        return Jsonp.object().add("fuid", fuid).add("tuid", tuid).add("type", type).add("rrid", rrid).build();
    }

    /** {@code Cmd_RosterChangedNotification {uid, ruid, t, st}}: {@code uid}'s entry for {@code ruid} changed. */
    public static JsonObject changed(long uid, long ruid, int type, long stamp) {
        return Jsonp.object().add("uid", uid).add("ruid", ruid).add("t", type).add("st", stamp).build();
    }

    private static void addText(JsonObjectBuilder o, String field, String value) {
        if (value != null && !value.isEmpty()) {
            o.add(field, value);
        }
    }
}
