package io.chorus.web.dialect.b;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.group.GroupService;
import io.chorus.app.group.GroupViews.AddMembers;
import io.chorus.app.group.GroupViews.CreateGroup;
import io.chorus.app.group.GroupViews.EditGroup;
import io.chorus.app.group.GroupViews.GroupView;
import io.chorus.app.group.GroupViews.MemberPatch;
import io.chorus.app.identity.PublicIds;
import io.chorus.web.protocol.b.GroupCodec;
import io.chorus.web.protocol.b.GroupCodec.Group;
import io.chorus.web.protocol.b.GroupCodec.Member;
import io.chorus.web.protocol.b.JimJson;
import io.chorus.web.protocol.b.Packet;
import io.chorus.web.protocol.b.SeedResult;
import io.chorus.web.protocol.b.ServerPackets;
import io.chorus.web.socket.ClientConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The group commands (CMD 0x50–0x58) through {@link GroupService}, with its roles and rules: a group
 * the caller is not in is one that does not exist (2), a member without the role has no permission
 * (3). Member changes are told to every member by the group's stored notices, which a JIM device
 * gets as {@code Cmd_GroupChangedNotification} ({@link JimDialect}). Group messages are
 * {@code Cmd_Msg} to a group contact.
 */
@ApplicationScoped
class GroupCommands {
    /** Groups per {@code Cmd_GetGroups} / {@code Cmd_GetGroupsMembers}, users per member command. */
    static final int MAX_LIST = 200;

    @Inject
    GroupService groups;

    @Inject
    PublicIds ids;

    @Inject
    ServerPackets packets;

    /** {@code Cmd_CreateGroup {name, memberuids, type, owner}} → {@code {code, gid, stamp}}: the caller owns it. */
    void createGroup(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        long[] created = {0, 0};
        JsonObjectBuilder result = SeedCodes.attempt(() -> {
            JsonObject data = JimJson.readObject(packet.data());
            SeedCodes.requireOwnUid(caller, JimJson.readLong(data, "owner", 0, Long.MAX_VALUE, 0), "owner");
            String name = JimJson.readString(data, "name", GroupCodec.MAX_NAME);
            List<String> members = JimJson.readIds(data, "memberuids", MAX_LIST).stream().map(ids::encode).toList();
            JimJson.readInt(data, "type", 0, 2, 0);
            GroupView group = groups.create(caller, new CreateGroup(name, null, members, false));
            created[0] = gid(group);
            created[1] = group.created_at();
            return SeedResult.ok();
        }, code -> code == ErrorCode.NOT_FOUND ? GroupCodec.CREATE_MEMBER_ERROR : GroupCodec.CREATE_INVALID_REQUEST);
        connection.sendBinary(packets.response(packet, GroupCodec.created(result, created[0], created[1])), null);
    }

    /** {@code Cmd_RemoveGroup {gid, uid}} → {@code {gid, code}}: the owner dissolves the group. */
    void removeGroup(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        long[] gid = {0};
        JsonObjectBuilder result = SeedCodes.attempt(() -> {
            JsonObject data = JimJson.readObject(packet.data());
            SeedCodes.requireOwnUid(caller, JimJson.readLong(data, "uid", 0, Long.MAX_VALUE, 0), "uid");
            gid[0] = RosterCommands.requiredId(data, "gid");
            groups.dissolve(caller, ids.encodeGroup(gid[0]));
            return SeedResult.ok();
        }, GroupCommands::groupNumber);
        connection.sendBinary(packets.response(packet, GroupCodec.removed(result, gid[0])), null);
    }

    /** {@code Cmd_SetGroup {gid, n, t}} → {@code {code}}: an owner or admin renames the group. */
    void setGroup(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        JsonObjectBuilder result = SeedCodes.attempt(() -> {
            JsonObject data = JimJson.readObject(packet.data());
            long gid = RosterCommands.requiredId(data, "gid");
            String name = JimJson.readString(data, "n", GroupCodec.MAX_NAME);
            JimJson.readInt(data, "t", 0, 2, 0);
            groups.edit(caller, ids.encodeGroup(gid), new EditGroup(name, null, null));
            return SeedResult.ok();
        }, GroupCommands::groupNumber);
        connection.sendBinary(packets.response(packet, result.build()), null);
    }

    /** {@code Cmd_GetGroups {gids}} → {@code {gs}}: those of {@code gids} the caller is a member of. */
    void getGroups(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        Set<Long> wanted = Set.copyOf(JimJson.readIds(JimJson.readObject(packet.data()), "gids", MAX_LIST));
        List<Group> gs = groups.mine(caller).stream().filter(group -> wanted.contains(gid(group)))
                .map(group -> new Group(gid(group), group.title(), GroupCodec.TYPE_NORMAL, group.created_at(), 0)).toList();
        connection.sendBinary(packets.response(packet, GroupCodec.groups(gs)), null);
    }

    /** {@code Cmd_GetGids {uid}} → {@code {gids}}: the caller's groups. */
    void getGids(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        JsonObject data = JimJson.readObject(packet.data());
        SeedCodes.requireOwnUid(caller, JimJson.readLong(data, "uid", 0, Long.MAX_VALUE, 0), "uid");
        List<Long> gids = groups.mine(caller).stream().map(this::gid).toList();
        connection.sendBinary(packets.response(packet, GroupCodec.gids(gids)), null);
    }

    /** {@code Cmd_AddGroupMembers {gid, ms}} → {@code {code}}: an owner or admin adds users; members already in are skipped. */
    void addGroupMembers(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        JsonObjectBuilder result = SeedCodes.attempt(() -> {
            JsonObject data = JimJson.readObject(packet.data());
            long gid = RosterCommands.requiredId(data, "gid");
            groups.addMembers(caller, ids.encodeGroup(gid), new AddMembers(memberUids(data).stream().map(ids::encode).toList()));
            return SeedResult.ok();
        }, GroupCommands::groupNumber);
        connection.sendBinary(packets.response(packet, result.build()), null);
    }

    /**
     * {@code Cmd_RemoveGroupMembers {gid, ms}} → {@code {code}}: leaving (oneself) or removing others,
     * as the roles allow; one member after the other, the first refusal stops and answers.
     */
    void removeGroupMembers(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        JsonObjectBuilder result = SeedCodes.attempt(() -> {
            JsonObject data = JimJson.readObject(packet.data());
            long gid = RosterCommands.requiredId(data, "gid");
            List<Long> uids = memberUids(data);
            if (uids.isEmpty()) {
                throw ChorusException.invalid("ms must name at least one member");
            }
            uids.forEach(uid -> groups.removeMember(caller, ids.encodeGroup(gid), ids.encode(uid)));
            return SeedResult.ok();
        }, GroupCommands::groupNumber);
        connection.sendBinary(packets.response(packet, result.build()), null);
    }

    /**
     * {@code Cmd_SetGroupMember {gid, uid, n, p}} → {@code {code}} (the Go server answered without
     * data): the owner gives a role, {@code p} 3 hands the group over. Chorus has no name per group, {@code n} is not kept.
     */
    void setGroupMember(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        JsonObjectBuilder result = SeedCodes.attempt(() -> {
            JsonObject data = JimJson.readObject(packet.data());
            long gid = RosterCommands.requiredId(data, "gid");
            long uid = RosterCommands.requiredId(data, "uid");
            String role = GroupCodec.role(JimJson.readInt(data, "p", GroupCodec.MEMBER, GroupCodec.OWNER, GroupCodec.MEMBER));
            JimJson.readString(data, "n", GroupCodec.MAX_NAME);
            groups.updateMember(caller, ids.encodeGroup(gid), ids.encode(uid), new MemberPatch(role, null));
            return SeedResult.ok();
        }, GroupCommands::groupNumber);
        connection.sendBinary(packets.response(packet, result.build()), null);
    }

    /** {@code Cmd_GetGroupsMembers {gids}} → {@code {ms}}: the members of those of {@code gids} the caller is in. */
    void getGroupsMembers(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        List<Long> gids = JimJson.readIds(JimJson.readObject(packet.data()), "gids", MAX_LIST);
        List<Member> ms = new ArrayList<>();
        for (long gid : gids.stream().distinct().toList()) {
            GroupView group;
            try {
                group = groups.detail(caller, ids.encodeGroup(gid));
            } catch (ChorusException notMine) {
                continue;
            }
            group.members().forEach(member -> ms.add(new Member(gid, ids.decode(member.uid()), member.nickname(),
                    GroupCodec.permission(member.role()))));
        }
        connection.sendBinary(packets.response(packet, GroupCodec.members(ms)), null);
    }

    private static List<Long> memberUids(JsonObject data) {
        List<Long> uids = new ArrayList<>();
        for (JsonObject member : JimJson.readObjects(data, "ms", MAX_LIST)) {
            uids.add(RosterCommands.requiredId(member, "uid"));
        }
        return uids;
    }

    private static int groupNumber(ErrorCode code) {
        return switch (code) {
            case NOT_FOUND -> GroupCodec.GROUP_NOT_EXIST;
            case FORBIDDEN, OWNER_MUST_TRANSFER -> GroupCodec.NO_PERMISSION;
            default -> GroupCodec.INVALID_REQUEST;
        };
    }

    private long gid(GroupView group) {
        return ids.decodeGroupOr(group.gid(), () -> new ChorusException(ErrorCode.INTERNAL));
    }
}
