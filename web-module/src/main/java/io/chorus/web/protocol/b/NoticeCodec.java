package io.chorus.web.protocol.b;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The JIM form of a stored notice (dialect A's {@code S2C} payloads, docs/PROTOCOL.md): the server
 * Requests a JIM device gets for it, in order. A notice JIM has no form for gives none.
 *
 * <ul>
 *   <li>{@code apply_friend} → {@code Cmd_RosterRequest} {@code {rrid, fuid, tuid, verify, status: 1, stamp}};
 *   <li>{@code apply_friend_confirm} → {@code Cmd_HandleRosterRequestNotification {fuid, tuid, type: 1, rrid}},
 *       then {@code Cmd_RosterChangedNotification {uid, ruid, t: 1, st}} (the accepter joined the roster);
 *   <li>{@code friend_changed} (to the owner's other devices) → {@code Cmd_RosterChangedNotification {uid: me, ruid, t, st}};
 *   <li>{@code group_member_join} → {@code Cmd_GroupChangedNotification} with {@code t} 1: one for the
 *       group ({@code uid} left out) when it was just made with these members, else one per new member;
 *   <li>{@code group_member_leave} → one with {@code t} 3 and the leaver's {@code uid};
 *   <li>{@code group_dissolve} → one with {@code t} 3 for the group;
 *   <li>{@code system_notice} → a {@code Cmd_Msg} with no {@code fr}: its title (if any) and text as text items;
 *   <li>{@code message_edited} → the edited message again, a {@code Cmd_Msg} with its MID and new content.
 * </ul>
 */
public final class NoticeCodec {
    private NoticeCodec() {
    }

    /** A packet for the device: a server Request of {@code command} with {@code data}. */
    public record Push(Command command, JsonObject data) {
    }

    /** Public ids (dialect A's strings) as JIM's raw ones. */
    public interface Ids {
        long user(String uid);

        long group(String gid);
    }

    /**
     * @param from the user the notice is from (raw id)
     * @param recipient the device's user (raw id)
     * @param mid the notice's message id
     */
    public static List<Push> toJim(JsonObject payload, long from, long recipient, long serverTs, long mid, Ids ids) {
        String type = text(payload, "custom_type");
        if ("custom".equals(text(payload, "msg_type")) && type != null) {
            return friendNotice(type, payload, from, recipient, serverTs, ids);
        }
        String msgType = text(payload, "msg_type");
        if (msgType == null) {
            return List.of();
        }
        return switch (msgType) {
            case "friend_changed" -> List.of(new Push(Command.ROSTER_CHANGED_NOTIFICATION, RosterCodec.changed(recipient,
                    ids.user(text(payload, "uid")), rosterChangeType(text(payload, "change")), serverTs)));
            case "group_member_join" -> joined(payload, serverTs, ids);
            case "group_member_leave" -> List.of(new Push(Command.GROUP_CHANGED_NOTIFICATION, GroupCodec.changed(
                    ids.group(text(payload, "gid")), ids.user(text(payload, "leave_uid")), GroupCodec.CHANGE_REMOVED, serverTs)));
            case "group_dissolve" -> List.of(new Push(Command.GROUP_CHANGED_NOTIFICATION,
                    GroupCodec.changed(ids.group(text(payload, "gid")), 0, GroupCodec.CHANGE_REMOVED, serverTs)));
            case "message_edited" -> edited(payload, recipient, ids);
            case "system_notice" -> List.of(new Push(Command.MSG, JimJson.writeMessage(new JimMessage(null, Contact.user(recipient),
                    List.of(), null, 0, serverTs, mid, systemNoticeItems(payload)))));
            default -> List.of();
        };
    }

    private static List<Push> friendNotice(String customType, JsonObject payload, long from, long recipient, long serverTs, Ids ids) {
        String requestId = text(payload, "request_id");
        if (requestId == null) {
            return List.of();
        }
        long rrid = ids.user(requestId);
        return switch (customType) {
            case "apply_friend" -> {
                JsonValue details = payload.get("from");
                String verify = details instanceof JsonObject o ? text(o, "msg") : null;
                yield List.of(new Push(Command.ROSTER_REQUEST, RosterCodec.request(
                        new RosterCodec.Request(rrid, from, recipient, verify, RosterCodec.STATUS_WAITING, serverTs))));
            }
            case "apply_friend_confirm" -> List.of(
                    new Push(Command.HANDLE_ROSTER_REQUEST_NOTIFICATION, RosterCodec.handled(recipient, from, RosterCodec.HANDLE_ACCEPT, rrid)),
                    new Push(Command.ROSTER_CHANGED_NOTIFICATION, RosterCodec.changed(recipient, from, RosterCodec.CHANGE_ADDED, serverTs)));
            default -> List.of();
        };
    }

    /**
     * JIM has no edit: the message comes again as a {@code Cmd_Msg} with its MID ({@code mid}) and
     * its new content, {@code st} the time of the edit, as a revoke comes with the stub.
     */
    private static List<Push> edited(JsonObject payload, long recipient, Ids ids) {
        boolean group = "C2G".equals(text(payload, "type"));
        long author = ids.user(text(payload, "from"));
        long to = group ? ids.group(text(payload, "to")) : ids.user(text(payload, "to"));
        return List.of(new Push(Command.MSG, JimJson.writeMessage(MsgCodec.message(group, author, to, recipient,
                payload.getJsonNumber("edited_at").longValue(), payload.getJsonNumber("mid").longValue(),
                payload.getJsonObject("payload").toString(), true))));
    }

    /** A {@code friend_changed} notice's {@code change} as a RosterChangeType. */
    static int rosterChangeType(String change) {
        return switch (change == null ? "" : change) {
            case "added" -> RosterCodec.CHANGE_ADDED;
            case "removed" -> RosterCodec.CHANGE_REMOVED;
            default -> RosterCodec.CHANGE_UPDATED;
        };
    }

    private static List<Push> joined(JsonObject payload, long serverTs, Ids ids) {
        long gid = ids.group(text(payload, "gid"));
        JsonValue uidsValue = payload.get("uids");
        JsonArray uids = uidsValue instanceof JsonArray array ? array : JsonValue.EMPTY_JSON_ARRAY;
        if (uids.size() == payload.getInt("member_count", -1)) {
            return List.of(new Push(Command.GROUP_CHANGED_NOTIFICATION, GroupCodec.changed(gid, 0, GroupCodec.CHANGE_CREATE, serverTs)));
        }
        List<Push> pushes = new ArrayList<>();
        for (JsonValue uid : uids) {
            if (uid instanceof JsonString s) {
                pushes.add(new Push(Command.GROUP_CHANGED_NOTIFICATION,
                        GroupCodec.changed(gid, ids.user(s.getString()), GroupCodec.CHANGE_CREATE, serverTs)));
            }
        }
        return pushes;
    }

    /** The title (when there is one) and the text, each a text item. */
    private static List<Item> systemNoticeItems(JsonObject payload) {
        List<Item> items = new ArrayList<>();
        String title = text(payload, "title");
        if (title != null) {
            items.add(Item.of(Item.TEXT, title));
        }
        items.add(Item.of(Item.TEXT, text(payload, "text")));
        return items;
    }

    private static String text(JsonObject o, String field) {
        return o.get(field) instanceof JsonString s ? s.getString() : null;
    }
}
