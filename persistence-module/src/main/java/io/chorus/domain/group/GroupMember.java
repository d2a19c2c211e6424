package io.chorus.domain.group;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A user's membership of a group: role, mute, and where in the conversation it began. */
@Entity
@Table(name = "group_member")
@IdClass(GroupMember.Key.class)
public class GroupMember {
    /** Ordered by power: each role may act on the roles below it. */
    public enum Role {
        MEMBER, ADMIN, OWNER;

        public boolean outranks(Role other) {
            return compareTo(other) > 0;
        }
    }

    @Id
    @Column(name = "group_id")
    private long groupId;

    @Id
    @Column(name = "user_id")
    private long userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Role role;

    @Column(nullable = false)
    private boolean muted;

    /** The group conversation's last seq when this member joined: it sees only what came after. */
    @Column(name = "joined_seq", nullable = false)
    private long joinedSeq;

    @Column(name = "joined_at", nullable = false)
    private long joinedAt;

    protected GroupMember() {
    }

    public GroupMember(long groupId, long userId, Role role, long joinedSeq, long joinedAt) {
        this.groupId = groupId;
        this.userId = userId;
        this.role = role;
        this.joinedSeq = joinedSeq;
        this.joinedAt = joinedAt;
    }

    public void setRole(Role role) {
        this.role = role;
    }

    public void setMuted(boolean muted) {
        this.muted = muted;
    }

    public long getGroupId() {
        return groupId;
    }

    public long getUserId() {
        return userId;
    }

    public Role getRole() {
        return role;
    }

    public boolean isMuted() {
        return muted;
    }

    public long getJoinedSeq() {
        return joinedSeq;
    }

    public long getJoinedAt() {
        return joinedAt;
    }

    /** The composite primary key (a class with a no-argument constructor, as JPA wants). */
    public static class Key implements Serializable {
        private long groupId;
        private long userId;

        public Key() {
        }

        public Key(long groupId, long userId) {
            this.groupId = groupId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.groupId == groupId && key.userId == userId;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(groupId) * 31 + Long.hashCode(userId);
        }
    }
}
