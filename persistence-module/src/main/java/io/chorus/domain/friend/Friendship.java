package io.chorus.domain.friend;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** One direction of a friendship: {@code ownerId} has {@code friendId} in its list. */
@Entity
@Table(name = "friendship")
@IdClass(Friendship.Key.class)
public class Friendship {
    @Id
    @Column(name = "owner_id")
    private long ownerId;

    @Id
    @Column(name = "friend_id")
    private long friendId;

    @Column(length = 64)
    private String remark;

    @Column(length = 32)
    private String role;

    @Column(nullable = false)
    private boolean donotlookhim;

    @Column(nullable = false)
    private boolean donotlethimlook;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected Friendship() {
    }

    public Friendship(long ownerId, long friendId, FriendSettings settings, long createdAt) {
        this.ownerId = ownerId;
        this.friendId = friendId;
        this.createdAt = createdAt;
        apply(settings);
    }

    public void apply(FriendSettings settings) {
        this.remark = settings.remark();
        this.role = settings.role();
        this.donotlookhim = settings.donotlookhim();
        this.donotlethimlook = settings.donotlethimlook();
    }

    public FriendSettings settings() {
        return new FriendSettings(remark, role, donotlookhim, donotlethimlook);
    }

    public long getOwnerId() {
        return ownerId;
    }

    public long getFriendId() {
        return friendId;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    /** The composite primary key (a class with a no-argument constructor, as JPA wants). */
    public static class Key implements Serializable {
        private long ownerId;
        private long friendId;

        public Key() {
        }

        public Key(long ownerId, long friendId) {
            this.ownerId = ownerId;
            this.friendId = friendId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.ownerId == ownerId && key.friendId == friendId;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(ownerId) * 31 + Long.hashCode(friendId);
        }
    }
}
