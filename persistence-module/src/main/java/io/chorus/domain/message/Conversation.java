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
    /** A group's messages. */
    public static final String GROUP = "C2G";
    /** A group's stored notices: stored once per event, delivered to members as S2C notices. */
    public static final String GROUP_NOTICES = "S2G";

    @Id
    private Long id;

    @Column(nullable = false, length = 3)
    private String kind;

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

    public String getKind() {
        return kind;
    }

    public Long getGroupId() {
        return groupId;
    }

    /**
     * The frame type a device acknowledges this kind of conversation with: notices, whether the
     * user's own or a group's, are all {@code S2C} on the wire.
     */
    public static String wireType(String kind) {
        return GROUP_NOTICES.equals(kind) ? NOTICES : kind;
    }

    public static boolean isNotice(String kind) {
        return NOTICES.equals(kind) || GROUP_NOTICES.equals(kind);
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
