package io.chorus.app.group;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.error.InputRules;
import io.chorus.app.group.GroupViews.AddMembers;
import io.chorus.app.group.GroupViews.CreateGroup;
import io.chorus.app.group.GroupViews.EditGroup;
import io.chorus.app.group.GroupViews.GroupChangeView;
import io.chorus.app.group.GroupViews.GroupView;
import io.chorus.app.group.GroupViews.MemberPatch;
import io.chorus.app.group.GroupViews.MemberView;
import io.chorus.app.identity.PublicIds;
import io.chorus.app.json.Jsonp;
import io.chorus.app.notice.NoticeService;
import io.chorus.domain.account.AccountRepository;
import io.chorus.domain.group.ChatGroup;
import io.chorus.domain.group.GroupChange;
import io.chorus.domain.group.GroupMember.Role;
import io.chorus.domain.group.GroupMember;
import io.chorus.domain.group.GroupRepository;
import io.chorus.domain.message.Conversation;
import io.chorus.domain.message.ConversationKind;
import io.chorus.domain.message.ConversationRepository;
import io.chorus.domain.message.DeliveryRepository;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Groups (SPEC §7), each operation one transaction. Membership changes lock the group row, then the
 * group's conversation row — the lock every group send takes — so a member is either in or out of
 * each message: no message before a join or after a leave reaches that user. Member changes are
 * announced with stored notices ({@code group_member_join}, {@code group_member_leave},
 * {@code group_dissolve}), stored once per event. A non-member learns nothing: every operation on
 * a group it is not in answers "not found"; a member lacking the role gets "forbidden". Every change
 * is also logged ({@link GroupChange}, for JIM's {@code Cmd_GetGroupChanged}) in the same transaction.
 */
@Stateless
public class GroupService {
    /** {@link GroupChange} types by number, as views name them. */
    private static final String[] CHANGE_NAMES = {null, "added", "updated", "removed"};

    @Inject
    GroupRepository groups;

    @Inject
    ConversationRepository conversations;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    AccountRepository accounts;

    @Inject
    NoticeService notices;

    @Inject
    PublicIds ids;

    @Inject
    @ConfigProperty(name = "chorus.group.max-members")
    int maxMembers;

    @Inject
    @ConfigProperty(name = "chorus.changes.retention-days")
    int changeRetentionDays;

    public GroupView create(Caller caller, CreateGroup command) {
        InputRules.required("body", command);
        String title = title(InputRules.required("title", command.title()));
        String description = InputRules.printable("description", command.description(), 256);
        Set<Long> members = new LinkedHashSet<>();
        members.add(caller.userId());
        for (String uid : command.members() == null ? List.<String>of() : command.members()) {
            members.add(existingUser(uid));
        }
        GroupRules.checkSize(members.size(), maxMembers);
        long now = Instant.now().toEpochMilli();
        ChatGroup group = groups.save(new ChatGroup(title, description, Boolean.TRUE.equals(command.open()), caller.userId(), now));
        conversations.lockGroupConversation(ConversationKind.GROUP, group.getId());
        for (long userId : members) {
            groups.save(new GroupMember(group.getId(), userId, userId == caller.userId() ? Role.OWNER : Role.MEMBER, 0, now));
        }
        groups.recordChange(group.getId(), GroupChange.GROUP, GroupChange.ADDED, now);
        announceJoin(group, caller, List.copyOf(members));
        return view(group, Role.OWNER, false, members.size(), null);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<GroupView> mine(Caller caller) {
        return groups.groupsOf(caller.userId()).stream()
                .map(row -> view(row.group(), row.role(), row.muted(), row.memberCount(), null)).toList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public GroupView detail(Caller caller, String gid) {
        ChatGroup group = groups.find(decode(gid)).orElseThrow(GroupService::notFound);
        GroupMember me = membership(group, caller);
        List<MemberView> members = members(group);
        return view(group, me.getRole(), me.isMuted(), members.size(), members);
    }

    /** The admin console's look at any group, members included; the viewer has no role in it. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public GroupView inspect(String gid) {
        ChatGroup group = groups.find(decode(gid)).orElseThrow(GroupService::notFound);
        List<MemberView> members = members(group);
        return view(group, null, false, members.size(), members);
    }

    private List<MemberView> members(ChatGroup group) {
        return groups.members(group.getId()).stream()
                .map(m -> new MemberView(ids.encode(m.userId()), m.account(), m.nickname(), name(m.role()), m.muted(), m.joinedAt()))
                .toList();
    }

    /** Owner or admin. */
    public GroupView edit(Caller caller, String gid, EditGroup edit) {
        InputRules.required("body", edit);
        ChatGroup group = locked(gid);
        GroupMember me = membership(group, caller);
        GroupRules.checkMayEdit(me.getRole());
        group.edit(edit.title() == null ? group.getTitle() : title(edit.title()),
                edit.description() == null ? group.getDescription() : InputRules.printable("description", edit.description(), 256),
                edit.open() == null ? group.isOpen() : edit.open());
        groups.recordChange(group.getId(), GroupChange.GROUP, GroupChange.UPDATED, Instant.now().toEpochMilli());
        return view(group, me.getRole(), me.isMuted(), groups.memberCount(group.getId()), null);
    }

    /** Owner only: every member hears {@code group_dissolve}, then nobody is a member any more. */
    public void dissolve(Caller caller, String gid) {
        ChatGroup group = locked(gid);
        GroupRules.checkMayDissolve(membership(group, caller).getRole());
        conversations.lockGroupConversation(ConversationKind.GROUP, group.getId());
        List<Long> members = groups.memberIds(group.getId());
        // As at a leave: undelivered messages and notices go, the dissolve notice is the last word.
        members.forEach(userId -> deliveries.dropGroupBacklog(group.getId(), userId));
        notices.storeForGroup(group.getId(), ids.encodeGroup(group.getId()), members, caller.userId(), caller.uid(),
                Jsonp.object().add("msg_type", "group_dissolve").add("gid", ids.encodeGroup(group.getId())).build());
        long now = Instant.now().toEpochMilli();
        // One removal per member: the group-level row would be readable by nobody once all are out.
        groups.recordRemovalOfEveryMember(group.getId(), now);
        groups.removeAllMembers(group.getId());
        group.dissolve(now);
    }

    /** Owner or admin adds users; those already in are skipped. */
    public void addMembers(Caller caller, String gid, AddMembers add) {
        InputRules.required("body", add);
        ChatGroup group = locked(gid);
        GroupRules.checkMayAddMembers(membership(group, caller).getRole());
        Set<Long> wanted = new LinkedHashSet<>();
        for (String uid : InputRules.required("uids", add.uids())) {
            wanted.add(existingUser(uid));
        }
        admit(group, caller, wanted);
    }

    /** Anyone may join an open group; joining twice changes nothing. */
    public void join(Caller caller, String gid) {
        ChatGroup group = locked(gid);
        if (GroupRules.joinAdmits(groups.member(group.getId(), caller.userId()).isPresent(), group.isOpen())) {
            admit(group, caller, Set.of(caller.userId()));
        }
    }

    /**
     * Leaving (oneself) or removing someone: the owner removes anyone, an admin plain members only.
     * The member's undelivered group messages and notices are dropped: the conversation is no longer theirs.
     */
    public void removeMember(Caller caller, String gid, String uid) {
        ChatGroup group = locked(gid);
        GroupMember me = membership(group, caller);
        long target = ids.decodeOr(uid, GroupService::notFound);
        GroupMember leaving = groups.member(group.getId(), target).orElseThrow(GroupService::notFound);
        GroupRules.checkMayRemove(me.getRole(), leaving.getRole(), target == caller.userId());
        conversations.lockGroupConversation(ConversationKind.GROUP, group.getId());
        // Dropped before the leave notice is stored, so that the notice is what the leaver's devices
        // still get: the last word from the group.
        deliveries.dropGroupBacklog(group.getId(), target);
        List<Long> before = groups.memberIds(group.getId());
        notices.storeForGroup(group.getId(), ids.encodeGroup(group.getId()), before, caller.userId(), caller.uid(),
                Jsonp.object().add("msg_type", "group_member_leave").add("gid", ids.encodeGroup(group.getId()))
                        .add("leave_uid", ids.encode(target)).add("member_count", before.size() - 1).build());
        groups.remove(leaving);
        groups.recordChange(group.getId(), target, GroupChange.REMOVED, Instant.now().toEpochMilli());
    }

    /**
     * Roles are the owner's to give; {@code owner} hands the group over (the old owner becomes an
     * admin). Muting is for the owner and admins, on members they outrank.
     */
    public void updateMember(Caller caller, String gid, String uid, MemberPatch patch) {
        InputRules.required("body", patch);
        Role role = patch.role() == null ? null : role(patch.role());
        ChatGroup group = locked(gid);
        GroupMember me = membership(group, caller);
        GroupMember target = groups.member(group.getId(), ids.decodeOr(uid, GroupService::notFound))
                .orElseThrow(GroupService::notFound);
        boolean changed = patch.muted() != null;
        if (role != null) {
            switch (GroupRules.roleChange(me.getRole(), role, target == me)) {
                case KEEP -> {
                    // The owner naming itself owner.
                }
                case SET -> {
                    target.setRole(role);
                    changed = true;
                }
                case HAND_OVER -> {
                    me.setRole(GroupRules.FORMER_OWNER);
                    target.setRole(Role.OWNER);
                    group.transferTo(target.getUserId());
                    groups.recordChange(group.getId(), me.getUserId(), GroupChange.UPDATED, Instant.now().toEpochMilli());
                    changed = true;
                }
            }
        }
        if (patch.muted() != null) {
            // With the roles as the change above left them.
            GroupRules.checkMayMute(me.getRole(), target.getRole());
            target.setMuted(patch.muted());
        }
        if (changed) {
            groups.recordChange(group.getId(), target.getUserId(), GroupChange.UPDATED, Instant.now().toEpochMilli());
        }
    }

    /**
     * The group changes stamped after {@code after} (ms) that the caller may read, oldest first, at
     * most {@code limit}: of the groups it is in, since it joined, and its own removals. {@code gids}
     * narrows them to those groups (empty: all); an unknown gid matches nothing.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<GroupChangeView> changes(Caller caller, long after, List<String> gids, int limit) {
        Set<Long> groupIds = new LinkedHashSet<>();
        for (String gid : gids) {
            try {
                groupIds.add(decode(gid));
            } catch (ChorusException unknown) {
                // Matches nothing, as a group the caller is not in.
            }
        }
        if (!gids.isEmpty() && groupIds.isEmpty()) {
            return List.of();
        }
        return groups.changesSince(caller.userId(), after, List.copyOf(groupIds), limit).stream()
                .map(change -> new GroupChangeView(ids.encodeGroup(change.groupId()),
                        change.userId() == GroupChange.GROUP ? null : ids.encode(change.userId()),
                        CHANGE_NAMES[change.type()], change.stamp()))
                .toList();
    }

    /** The retention of the group change log; every node purges, the delete is idempotent. */
    @Schedule(hour = "*", minute = "29", persistent = false)
    void purgeGroupChanges() {
        groups.purgeChangesBefore(Instant.now().minus(Duration.ofDays(changeRetentionDays)).toEpochMilli());
    }

    private void admit(ChatGroup group, Caller caller, Set<Long> wanted) {
        List<Long> current = groups.memberIds(group.getId());
        List<Long> joining = wanted.stream().filter(userId -> !current.contains(userId)).toList();
        if (!GroupRules.admits(current.size(), joining.size(), maxMembers)) {
            return;
        }
        Conversation conversation = conversations.lockGroupConversation(ConversationKind.GROUP, group.getId());
        long now = Instant.now().toEpochMilli();
        for (long userId : joining) {
            groups.save(new GroupMember(group.getId(), userId, Role.MEMBER, conversation.getLastSeq(), now));
            groups.recordChange(group.getId(), userId, GroupChange.ADDED, now);
        }
        announceJoin(group, caller, joining);
    }

    /** Told to every member after the change, the new ones included. */
    private void announceJoin(ChatGroup group, Caller caller, List<Long> joined) {
        groups.flush();
        List<Long> members = groups.memberIds(group.getId());
        JsonArrayBuilder uids = Jsonp.array();
        joined.forEach(userId -> uids.add(ids.encode(userId)));
        notices.storeForGroup(group.getId(), ids.encodeGroup(group.getId()), members, caller.userId(), caller.uid(),
                Jsonp.object().add("msg_type", "group_member_join").add("gid", ids.encodeGroup(group.getId()))
                        .add("uids", uids).add("member_count", members.size()).build());
    }

    private ChatGroup locked(String gid) {
        return groups.lock(decode(gid)).orElseThrow(GroupService::notFound);
    }

    private GroupMember membership(ChatGroup group, Caller caller) {
        return groups.member(group.getId(), caller.userId()).orElseThrow(GroupService::notFound);
    }

    private long existingUser(String uid) {
        long id = ids.decodeOr(uid, () -> new ChorusException(ErrorCode.NOT_FOUND, "No such user."));
        if (accounts.findUser(id).isEmpty()) {
            throw new ChorusException(ErrorCode.NOT_FOUND, "No such user.");
        }
        return id;
    }

    private GroupView view(ChatGroup group, Role role, boolean muted, long memberCount, List<MemberView> members) {
        return new GroupView(ids.encodeGroup(group.getId()), group.getTitle(), group.getDescription(), group.isOpen(),
                ids.encode(group.getOwnerId()), memberCount, group.getCreatedAt(), name(role), muted, members);
    }

    private long decode(String gid) {
        return ids.decodeGroupOr(gid, GroupService::notFound);
    }

    private static String title(String title) {
        String trimmed = title.strip();
        if (trimmed.isEmpty()) {
            throw ChorusException.invalid("title must not be empty");
        }
        return InputRules.printable("title", trimmed, 64);
    }

    private static Role role(String name) {
        try {
            return Role.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw ChorusException.invalid("role must be owner, admin or member");
        }
    }

    private static String name(Role role) {
        return role == null ? null : role.name().toLowerCase(Locale.ROOT);
    }

    private static ChorusException notFound() {
        return new ChorusException(ErrorCode.NOT_FOUND, "No such group.");
    }
}
