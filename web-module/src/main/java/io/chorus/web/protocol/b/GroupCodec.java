package io.chorus.web.protocol.b;

import io.chorus.app.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;

/**
 * The group commands' JSON (0x50–0x59, seed {@code core/groups}): a {@link Group}
 * {@code {gid, n, t, ct, ut}}, a {@link Member} {@code {gid, uid, n, p}}, the answers' result numbers
 * and {@code Cmd_GroupChangedNotification}. Requests are read with {@link JimJson}.
 */
public final class GroupCodec {
    /** CreateGroupCode. */
    public static final int CREATE_INVALID_REQUEST = 1;
    public static final int CREATE_MEMBER_ERROR = 3;
    /** RemoveGroupCode, and the member commands' numbers (the same list in the seed). */
    public static final int INVALID_REQUEST = 1;
    public static final int GROUP_NOT_EXIST = 2;
    public static final int NO_PERMISSION = 3;
    /** GroupType: Chorus groups are all normal ones. */
    public static final int TYPE_NORMAL = 1;
    /** GroupMemberPermission. */
    public static final int MEMBER = 1;
    public static final int ADMIN = 2;
    public static final int OWNER = 3;
    /** GroupChangedType. */
    public static final int CHANGE_CREATE = 1;
    public static final int CHANGE_UPDATED = 2;
    public static final int CHANGE_REMOVED = 3;
    /** The seed's {@code varchar(50)} group name. */
    public static final int MAX_NAME = 50;

    private GroupCodec() {
    }

    public record Group(long gid, String name, int type, long created, long updated) {
    }

    public record Member(long gid, long uid, String name, int permission) {
    }

    /** {@code Cmd_CreateGroup}'s answer {@code {code, gid, stamp}}. */
    public static JsonObject created(JsonObjectBuilder result, long gid, long stamp) {
        return result.add("gid", gid).add("stamp", stamp).build();
    }

    /** {@code Cmd_RemoveGroup}'s answer {@code {gid, code}}. */
    public static JsonObject removed(JsonObjectBuilder result, long gid) {
        return result.add("gid", gid).build();
    }

    /** {@code {gs: [Group]}}: {@code Cmd_GetGroups}. */
    public static JsonObject groups(List<Group> groups) {
        JsonArrayBuilder gs = Jsonp.array();
        for (Group group : groups) {
            JsonObjectBuilder o = Jsonp.object().add("gid", group.gid()).add("n", group.name());
            if (group.type() != 0) {
                o.add("t", group.type());
            }
            if (group.created() != 0) {
                o.add("ct", group.created());
            }
            if (group.updated() != 0) {
                o.add("ut", group.updated());
            }
            gs.add(o);
        }
        return Jsonp.object().add("gs", gs).build();
    }

    /** {@code {gids}}: {@code Cmd_GetGids}. */
    public static JsonObject gids(List<Long> gids) {
        JsonArrayBuilder array = Jsonp.array();
        gids.forEach(array::add);
        return Jsonp.object().add("gids", array).build();
    }

    /** {@code {ms: [GroupMember]}}: {@code Cmd_GetGroupsMembers}. */
    public static JsonObject members(List<Member> members) {
        JsonArrayBuilder ms = Jsonp.array();
        for (Member member : members) {
            JsonObjectBuilder o = Jsonp.object().add("gid", member.gid()).add("uid", member.uid());
            if (member.name() != null && !member.name().isEmpty()) {
                o.add("n", member.name());
            }
            ms.add(o.add("p", member.permission()));
        }
        return Jsonp.object().add("ms", ms).build();
    }

    /** {@code Cmd_GroupChangedNotification {gid, uid, t, st}}; {@code uid} 0 (left out): the group itself. */
    public static JsonObject changed(long gid, long uid, int type, long stamp) {
        JsonObjectBuilder o = Jsonp.object().add("gid", gid);
        if (uid != 0) {
            o.add("uid", uid);
        }
        return o.add("t", type).add("st", stamp).build();
    }

    /** Chorus' role name as the seed's permission number. */
    public static int permission(String role) {
        return switch (role == null ? "" : role) {
            case "owner" -> OWNER;
            case "admin" -> ADMIN;
            default -> MEMBER;
        };
    }

    /** The seed's permission number as Chorus' role name; null for a number the seed does not have. */
    public static String role(int permission) {
        return switch (permission) {
            case MEMBER -> "member";
            case ADMIN -> "admin";
            case OWNER -> "owner";
            default -> null;
        };
    }
}
