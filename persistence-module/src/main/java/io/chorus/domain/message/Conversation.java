package io.chorus.domain.message;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A conversation: a pair of users (C2C), one user's stored notices (S2C) or, later, a group. It owns the gap-free sequence of its
 * messages; {@link #nextSeq()} is only called while the storing transaction holds the row lock.
 */
@Entity
@Table(name = "conversation")
public class Conversation {
    @Id
    private Long id;

    @Column(nullable = false, length = 3)
    private ConversationKind kind;

    @Column(name = "user_lo")
    private Long userLo;

    @Column(name = "user_hi")
    private Long userHi;

    @Column(name = "group_id")
    private Long groupId;

    @Column(name = "last_seq", nullable = false)
    private long lastSeq;

    protected Conversation() {
    }

    public long nextSeq() {
        return ++lastSeq;
    }

    public Long getId() {
        return id;
    }

    public ConversationKind getKind() {
        return kind;
    }

    public Long getGroupId() {
        return groupId;
    }

    /** The lower user id of a direct conversation (both user columns hold the user for notices). */
    public Long getUserLo() {
        return userLo;
    }

    public Long getUserHi() {
        return userHi;
    }

    public long getLastSeq() {
        return lastSeq;
    }

    /** The other party of a direct conversation. */
    public long peerOf(long userId) {
        return userLo == userId ? userHi : userLo;
    }

    public boolean hasMember(long userId) {
        return userLo != null && (userLo == userId || userHi == userId);
    }
}
