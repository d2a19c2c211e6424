package io.chorus.app.group;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.domain.group.GroupMember.Role;

/**
 * Who may do what in a group (SPEC §7, ARCHITECTURE.md "Roles"), given the roles of a member who
 * asks and of the member it acts on. Roles are ordered (member &lt; admin &lt; owner): editing and
 * adding need admin; removing and muting need to outrank the target; roles and dissolving are the
 * owner's; the owner may not leave or step down without handing the group over, and handing over
 * makes it an admin. A non-member is refused before any of this, as "not found", by the service.
 */
final class GroupRules {
    /** What the owner becomes when it hands the group over. */
    static final Role FORMER_OWNER = Role.ADMIN;

    private GroupRules() {
    }

    /** Title, description and openness: the owner or an admin. */
    static void checkMayEdit(Role mine) {
        atLeast(mine, Role.ADMIN);
    }

    /** Adding users: the owner or an admin. */
    static void checkMayAddMembers(Role mine) {
        atLeast(mine, Role.ADMIN);
    }

    /** The owner only. */
    static void checkMayDissolve(Role mine) {
        atLeast(mine, Role.OWNER);
    }

    /**
     * Whether a join adds the caller: a member already in changes nothing (even in a closed group);
     * anyone else needs an open group.
     */
    static boolean joinAdmits(boolean alreadyMember, boolean open) {
        if (alreadyMember) {
            return false;
        }
        if (!open) {
            throw new ChorusException(ErrorCode.FORBIDDEN, "This group is not open; ask a member to add you.");
        }
        return true;
    }

    /**
     * Leaving ({@code self}) or removing someone. Anyone but the owner may leave; the owner must
     * hand the group over first. Removing needs to outrank the target: the owner removes anyone, an
     * admin plain members only, a member nobody.
     */
    static void checkMayRemove(Role mine, Role target, boolean self) {
        if (self) {
            if (mine == Role.OWNER) {
                throw new ChorusException(ErrorCode.OWNER_MUST_TRANSFER);
            }
        } else if (!mine.outranks(target)) {
            throw forbidden();
        }
    }

    /** What a role change does to the two members' roles. */
    enum RoleChange {
        /** Nothing changes (the owner naming itself owner). */
        KEEP,
        /** The target gets the wanted role (admin or member); promoting, demoting or the same role again. */
        SET,
        /** The target becomes the owner, the owner {@link #FORMER_OWNER}, and the group is the target's. */
        HAND_OVER
    }

    /**
     * Roles are the owner's to give. The owner cannot step down on itself ({@code owner_must_transfer}):
     * handing the group over ({@code wanted} owner, on someone else) is the only way out of the role.
     */
    static RoleChange roleChange(Role mine, Role wanted, boolean self) {
        if (mine != Role.OWNER) {
            throw forbidden();
        }
        if (self) {
            if (wanted != Role.OWNER) {
                throw new ChorusException(ErrorCode.OWNER_MUST_TRANSFER);
            }
            return RoleChange.KEEP;
        }
        return wanted == Role.OWNER ? RoleChange.HAND_OVER : RoleChange.SET;
    }

    /**
     * Muting or unmuting needs to outrank the target: the owner mutes admins and members, an admin
     * members; nobody mutes itself or the owner. The roles are those after a role change made in
     * the same call.
     */
    static void checkMayMute(Role mine, Role target) {
        if (!mine.outranks(target)) {
            throw forbidden();
        }
    }

    /** A group of {@code members} in all: beyond {@code maxMembers} it is {@code group_full}. */
    static void checkSize(int members, int maxMembers) {
        if (members > maxMembers) {
            throw new ChorusException(ErrorCode.GROUP_FULL);
        }
    }

    /**
     * Whether {@code joining} new members enter a group of {@code members}: none joining changes
     * nothing (so re-adding members of a full group is no error); else {@link #checkSize} in all.
     */
    static boolean admits(int members, int joining, int maxMembers) {
        if (joining == 0) {
            return false;
        }
        checkSize(members + joining, maxMembers);
        return true;
    }

    private static void atLeast(Role mine, Role needed) {
        if (mine.compareTo(needed) < 0) {
            throw forbidden();
        }
    }

    private static ChorusException forbidden() {
        return new ChorusException(ErrorCode.FORBIDDEN, "Your role in this group does not allow that.");
    }
}
