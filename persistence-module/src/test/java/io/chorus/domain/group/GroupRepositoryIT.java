package io.chorus.domain.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.domain.RepositoryDatabase;
import io.chorus.domain.TestData;
import io.chorus.domain.account.UserAccount;
import io.chorus.domain.group.GroupMember.Role;
import io.chorus.domain.group.GroupRepository.MemberRow;
import io.chorus.domain.group.GroupRepository.MyGroupRow;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RepositoryDatabase.class)
class GroupRepositoryIT {
    private final GroupRepository groups = new GroupRepository();
    private EntityManager em;
    private TestData data;

    @BeforeEach
    void setUp(EntityManager em) {
        this.em = em;
        groups.em = em;
        data = new TestData(em);
    }

    @Test
    void members_ownerFirst_thenAdmins_thenByAccount_withProfiles() {
        String prefix = TestData.unique("m");
        UserAccount owner = data.user(prefix + "z");
        UserAccount adminB = data.user(prefix + "b");
        UserAccount adminA = data.user(prefix + "c");
        UserAccount memberA = data.user(prefix + "a");
        UserAccount memberB = data.user(prefix + "d");
        ChatGroup group = data.group(owner);
        data.member(group, memberB, Role.MEMBER, 0);
        data.member(group, adminA, Role.ADMIN, 0);
        data.member(group, owner, Role.OWNER, 0);
        data.member(group, memberA, Role.MEMBER, 0).setMuted(true);
        data.member(group, adminB, Role.ADMIN, 0);
        data.member(data.group(owner), data.user(), Role.MEMBER, 0); // another group's member
        em.flush();

        List<MemberRow> rows = groups.members(group.getId());

        assertEquals(List.of(owner.getId(), adminB.getId(), adminA.getId(), memberA.getId(), memberB.getId()),
                rows.stream().map(MemberRow::userId).toList());
        assertEquals(new MemberRow(memberA.getId(), memberA.getAccount(), memberA.getNickname(), Role.MEMBER, true,
                TestData.NOW.toEpochMilli()), rows.get(3));
        assertEquals(Role.OWNER, rows.get(0).role());
    }

    @Test
    void groupsOf_liveGroupsOnly_byTitle_withOwnMembershipAndMemberCount() {
        UserAccount user = data.user();
        UserAccount other = data.user();
        ChatGroup second = new ChatGroup("b-" + TestData.unique(""), null, false, other.getId(), 0);
        ChatGroup first = new ChatGroup("a-" + TestData.unique(""), null, true, other.getId(), 0);
        ChatGroup dissolved = new ChatGroup("0-" + TestData.unique(""), null, true, other.getId(), 0);
        groups.save(second);
        groups.save(first);
        groups.save(dissolved);
        data.member(second, user, Role.ADMIN, 0).setMuted(true);
        data.member(second, other, Role.OWNER, 0);
        data.member(first, user, Role.MEMBER, 0);
        data.member(dissolved, user, Role.MEMBER, 0);
        dissolved.dissolve(1);
        em.flush();

        List<MyGroupRow> rows = groups.groupsOf(user.getId());

        assertEquals(List.of(first.getId(), second.getId()), rows.stream().map(r -> r.group().getId()).toList());
        assertEquals(new MyGroupRow(first, Role.MEMBER, false, 1), rows.get(0));
        assertEquals(new MyGroupRow(second, Role.ADMIN, true, 2), rows.get(1));
    }

    @Test
    void findAndLock_skipDissolvedGroups() {
        UserAccount owner = data.user();
        ChatGroup live = data.group(owner);
        ChatGroup dissolved = data.group(owner);
        dissolved.dissolve(1);
        em.flush();

        assertEquals(live.getId(), groups.find(live.getId()).orElseThrow().getId());
        assertEquals(live.getId(), groups.lock(live.getId()).orElseThrow().getId());
        assertTrue(groups.find(dissolved.getId()).isEmpty());
        assertTrue(groups.lock(dissolved.getId()).isEmpty());
    }

    @Test
    void memberCountAndIds_andRemoveAllMembers_touchOnlyThatGroup() {
        UserAccount owner = data.user();
        UserAccount member = data.user();
        ChatGroup group = data.group(owner);
        ChatGroup other = data.group(owner);
        data.member(group, owner, Role.OWNER, 0);
        data.member(group, member, Role.MEMBER, 0);
        data.member(other, owner, Role.OWNER, 0);

        assertEquals(2, groups.memberCount(group.getId()));
        assertEquals(List.of(owner.getId(), member.getId()), groups.memberIds(group.getId()).stream().sorted().toList());
        assertEquals(2, groups.removeAllMembers(group.getId()));
        assertEquals(0, groups.memberCount(group.getId()));
        assertEquals(1, groups.memberCount(other.getId()));
        assertTrue(groups.member(other.getId(), owner.getId()).isPresent());
    }
    // --- change log (V11) ------------------------------------------------------------------

    @Test
    void changesSince_membersReadTheirGroupsSinceJoining_exMembersOnlyTheirRemoval_oldestFirst() {
        long t = TestData.NOW.toEpochMilli();
        UserAccount owner = data.user();
        UserAccount gone = data.user();
        UserAccount stranger = data.user();
        ChatGroup group = data.group(owner);
        ChatGroup other = data.group(owner);
        data.member(group, owner, Role.OWNER, 0);
        data.member(other, owner, Role.OWNER, 0);
        em.flush();
        groups.recordChange(group.getId(), GroupChange.GROUP, GroupChange.ADDED, t - 1); // before the owner joined
        groups.recordChange(group.getId(), gone.getId(), GroupChange.ADDED, t + 1);
        groups.recordChange(group.getId(), GroupChange.GROUP, GroupChange.UPDATED, t + 2);
        groups.recordChange(group.getId(), gone.getId(), GroupChange.REMOVED, t + 3);
        groups.recordChange(other.getId(), GroupChange.GROUP, GroupChange.UPDATED, t + 3);

        assertEquals(List.of(new GroupChange(group.getId(), gone.getId(), GroupChange.ADDED, t + 1),
                        new GroupChange(group.getId(), GroupChange.GROUP, GroupChange.UPDATED, t + 2),
                        new GroupChange(group.getId(), gone.getId(), GroupChange.REMOVED, t + 3)),
                groups.changesSince(owner.getId(), t, List.of(group.getId()), 100));
        assertEquals(4, groups.changesSince(owner.getId(), t, List.of(), 100).size(), "no gids: all the owner's groups");
        assertEquals(List.of(new GroupChange(group.getId(), gone.getId(), GroupChange.REMOVED, t + 3)),
                groups.changesSince(gone.getId(), t + 2, List.of(), 100), "a former member reads its own removal only");
        assertEquals(List.of(), groups.changesSince(stranger.getId(), 0, List.of(group.getId()), 100));
        assertEquals(List.of(), groups.changesSince(owner.getId(), t + 3, List.of(), 100), "nothing after the newest stamp");
        assertEquals(2, groups.changesSince(owner.getId(), t, List.of(group.getId()), 2).size());
    }

    @Test
    void recordRemovalOfEveryMember_oneRowPerMember_readableByEachFormerMember() {
        long t = TestData.NOW.toEpochMilli();
        UserAccount owner = data.user();
        UserAccount member = data.user();
        ChatGroup group = data.group(owner);
        data.member(group, owner, Role.OWNER, 0);
        data.member(group, member, Role.MEMBER, 0);
        em.flush();

        assertEquals(2, groups.recordRemovalOfEveryMember(group.getId(), t + 1));
        groups.removeAllMembers(group.getId());

        assertEquals(List.of(new GroupChange(group.getId(), member.getId(), GroupChange.REMOVED, t + 1)),
                groups.changesSince(member.getId(), t, List.of(), 100));
    }

    @Test
    void purgeChangesBefore_dropsOnlyOlderRows() {
        long t = TestData.NOW.toEpochMilli();
        UserAccount owner = data.user();
        ChatGroup group = data.group(owner);
        data.member(group, owner, Role.OWNER, 0);
        em.flush();
        groups.recordChange(group.getId(), GroupChange.GROUP, GroupChange.ADDED, t - 10);
        groups.recordChange(group.getId(), GroupChange.GROUP, GroupChange.UPDATED, t + 10);

        assertTrue(groups.purgeChangesBefore(t) >= 1);

        assertEquals(1, data.number("SELECT count(*) FROM group_change WHERE group_id = ?1", group.getId()));
    }
}
