package io.chorus.app.group;

import static io.chorus.domain.group.GroupMember.Role.ADMIN;
import static io.chorus.domain.group.GroupMember.Role.MEMBER;
import static io.chorus.domain.group.GroupMember.Role.OWNER;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.group.GroupRules.RoleChange;
import io.chorus.domain.group.GroupMember.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class GroupRulesTest {
    private static final boolean SELF = true;
    private static final boolean OTHER = false;

    private static ErrorCode refusal(Executable rule) {
        return assertThrows(ChorusException.class, rule).code();
    }

    // Edit, add, dissolve.

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"OWNER", "ADMIN"})
    void edit_byOwnerOrAdmin_isAllowed(Role mine) {
        assertDoesNotThrow(() -> GroupRules.checkMayEdit(mine));
    }

    @Test
    void edit_byMember_isForbidden() {
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> GroupRules.checkMayEdit(MEMBER)));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"OWNER", "ADMIN"})
    void addMembers_byOwnerOrAdmin_isAllowed(Role mine) {
        assertDoesNotThrow(() -> GroupRules.checkMayAddMembers(mine));
    }

    @Test
    void addMembers_byMember_isForbidden() {
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> GroupRules.checkMayAddMembers(MEMBER)));
    }

    @Test
    void dissolve_byOwner_isAllowed() {
        assertDoesNotThrow(() -> GroupRules.checkMayDissolve(OWNER));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"ADMIN", "MEMBER"})
    void dissolve_byAdminOrMember_isForbidden(Role mine) {
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> GroupRules.checkMayDissolve(mine)));
    }

    @Test
    void forbidden_saysTheRoleDoesNotAllowIt() {
        assertEquals("Your role in this group does not allow that.",
                assertThrows(ChorusException.class, () -> GroupRules.checkMayEdit(MEMBER)).getMessage());
    }

    // Join.

    @Test
    void join_openGroup_byOutsider_admitsThem() {
        assertTrue(GroupRules.joinAdmits(false, true));
    }

    @Test
    void join_closedGroup_byOutsider_isForbidden() {
        ChorusException refused = assertThrows(ChorusException.class, () -> GroupRules.joinAdmits(false, false));
        assertEquals(ErrorCode.FORBIDDEN, refused.code());
        assertEquals("This group is not open; ask a member to add you.", refused.getMessage());
    }

    @Test
    void join_byMember_changesNothing_evenInAClosedGroup() {
        assertFalse(GroupRules.joinAdmits(true, true));
        assertFalse(GroupRules.joinAdmits(true, false));
    }

    // Leave and remove.

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"ADMIN", "MEMBER"})
    void leave_byAdminOrMember_isAllowed(Role mine) {
        assertDoesNotThrow(() -> GroupRules.checkMayRemove(mine, mine, SELF));
    }

    @Test
    void leave_byOwner_mustTransferFirst() {
        assertEquals(ErrorCode.OWNER_MUST_TRANSFER, refusal(() -> GroupRules.checkMayRemove(OWNER, OWNER, SELF)));
    }

    @ParameterizedTest(name = "{0} removes {1}")
    @CsvSource({"OWNER, ADMIN", "OWNER, MEMBER", "ADMIN, MEMBER"})
    void kick_ofSomeoneOutranked_isAllowed(Role mine, Role target) {
        assertDoesNotThrow(() -> GroupRules.checkMayRemove(mine, target, OTHER));
    }

    @Test
    void kick_byAdminOfOwner_isForbidden() {
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> GroupRules.checkMayRemove(ADMIN, OWNER, OTHER)));
    }

    @Test
    void kick_byAdminOfAdmin_isForbidden() {
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> GroupRules.checkMayRemove(ADMIN, ADMIN, OTHER)));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void kick_byMember_isForbidden(Role target) {
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> GroupRules.checkMayRemove(MEMBER, target, OTHER)));
    }

    // Roles.

    @Test
    void promote_byOwner_setsTheRole() {
        assertEquals(RoleChange.SET, GroupRules.roleChange(OWNER, ADMIN, OTHER));
    }

    @Test
    void demote_byOwner_setsTheRole() {
        assertEquals(RoleChange.SET, GroupRules.roleChange(OWNER, MEMBER, OTHER));
    }

    @Test
    void transfer_byOwner_handsTheGroupOver() {
        assertEquals(RoleChange.HAND_OVER, GroupRules.roleChange(OWNER, OWNER, OTHER));
    }

    @Test
    void transfer_makesTheOldOwnerAnAdmin() {
        assertEquals(ADMIN, GroupRules.FORMER_OWNER);
    }

    @Test
    void transfer_byOwnerToItself_changesNothing() {
        assertEquals(RoleChange.KEEP, GroupRules.roleChange(OWNER, OWNER, SELF));
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"ADMIN", "MEMBER"})
    void stepDown_byOwner_mustTransferFirst(Role wanted) {
        assertEquals(ErrorCode.OWNER_MUST_TRANSFER, refusal(() -> GroupRules.roleChange(OWNER, wanted, SELF)));
    }

    @ParameterizedTest(name = "{0} gives {1}")
    @CsvSource({"ADMIN, OWNER", "ADMIN, ADMIN", "ADMIN, MEMBER", "MEMBER, OWNER", "MEMBER, ADMIN", "MEMBER, MEMBER"})
    void roleChange_byAnyoneButTheOwner_isForbidden(Role mine, Role wanted) {
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> GroupRules.roleChange(mine, wanted, OTHER)));
    }

    @Test
    void stepDown_byAdminOnItself_isForbidden_notOwnerMustTransfer() {
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> GroupRules.roleChange(ADMIN, MEMBER, SELF)));
    }

    // Mute.

    @ParameterizedTest(name = "{0} mutes {1}")
    @CsvSource({"OWNER, ADMIN", "OWNER, MEMBER", "ADMIN, MEMBER"})
    void mute_ofSomeoneOutranked_isAllowed(Role mine, Role target) {
        assertDoesNotThrow(() -> GroupRules.checkMayMute(mine, target));
    }

    @ParameterizedTest(name = "{0} mutes {1}")
    @CsvSource({"ADMIN, OWNER", "ADMIN, ADMIN", "MEMBER, OWNER", "MEMBER, ADMIN", "MEMBER, MEMBER"})
    void mute_ofSomeoneNotOutranked_isForbidden(Role mine, Role target) {
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> GroupRules.checkMayMute(mine, target)));
    }

    @Test
    void mute_byOwnerOfItself_isForbidden() {
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> GroupRules.checkMayMute(OWNER, OWNER)));
    }

    @Test
    void mute_inTheSameCallAsAHandOver_isForbidden() {
        // The roles after the hand-over: the old owner is an admin, the target the owner.
        assertEquals(ErrorCode.FORBIDDEN, refusal(() -> GroupRules.checkMayMute(GroupRules.FORMER_OWNER, OWNER)));
    }

    // Size.

    @Test
    void create_upToTheLimit_isAllowed() {
        assertDoesNotThrow(() -> GroupRules.checkSize(2000, 2000));
    }

    @Test
    void create_overTheLimit_isGroupFull() {
        assertEquals(ErrorCode.GROUP_FULL, refusal(() -> GroupRules.checkSize(2001, 2000)));
    }

    @Test
    void add_upToTheLimit_admits() {
        assertTrue(GroupRules.admits(1998, 2, 2000));
    }

    @Test
    void add_overTheLimit_isGroupFull() {
        assertEquals(ErrorCode.GROUP_FULL, refusal(() -> GroupRules.admits(1999, 2, 2000)));
    }

    @Test
    void add_ofNobodyNew_toAFullGroup_changesNothing() {
        assertFalse(GroupRules.admits(2000, 0, 2000));
    }
}
