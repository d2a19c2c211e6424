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
    public static final String DIRECT = "C2C";
    /** A user's stored server notices; both user columns hold the user. */
    public static final String NOTICES = "S2C";

    @Id
    private Long id;

    @Column(nullable = false, length = 3)
    private String kind;

    @Column(name = "user_lo")
    private Long userLo;

    @Column(name = "user_hi")
    private Long userHi;

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

    public String getKind() {
        return kind;
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
