package io.chorus.domain.friend;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A friend request from one user to another (SPEC §7). Created by a native insert that lets the
 * open-pair constraint decide races quietly (see {@link FriendRepository#openRequest}); decided here.
 */
@Entity
@Table(name = "friend_request")
public class FriendRequest {
    /** PENDING and IGNORED are open: they hold the pair. The applicant sees IGNORED as PENDING. */
    public enum Status {
        PENDING, IGNORED, ACCEPTED, REJECTED;

        public boolean isOpen() {
            return this == PENDING || this == IGNORED;
        }
    }

    @Id
    private Long id;

    @Column(name = "from_user_id", nullable = false)
    private long fromUserId;

    @Column(name = "to_user_id", nullable = false)
    private long toUserId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;

    @Column(length = 256)
    private String msg;

    @Column(length = 64)
    private String source;

    @Column(length = 64)
    private String remark;

    @Column(length = 32)
    private String role;

    @Column(nullable = false)
    private boolean donotlookhim;

    @Column(nullable = false)
    private boolean donotlethimlook;

    @Column(name = "open_lo")
    private Long openLo;

    @Column(name = "open_hi")
    private Long openHi;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "decided_at")
    private Long decidedAt;

    protected FriendRequest() {
    }

    /** The target set it aside: still open, so the applicant cannot ask again, and cannot tell. */
    public void ignore(long now) {
        status = Status.IGNORED;
        decidedAt = now;
    }

    /** Accepted or rejected: the request is closed and frees the pair. */
    public void close(Status outcome, long now) {
        if (outcome.isOpen()) {
            throw new IllegalArgumentException("Not a closing outcome: " + outcome);
        }
        status = outcome;
        decidedAt = now;
        openLo = null;
        openHi = null;
    }

    public Long getId() {
        return id;
    }

    public long getFromUserId() {
        return fromUserId;
    }

    public long getToUserId() {
        return toUserId;
    }

    public Status getStatus() {
        return status;
    }

    public String getMsg() {
        return msg;
    }

    public String getSource() {
        return source;
    }

    public String getRemark() {
        return remark;
    }

    public String getRole() {
        return role;
    }

    public boolean isDonotlookhim() {
        return donotlookhim;
    }

    public boolean isDonotlethimlook() {
        return donotlethimlook;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public Long getDecidedAt() {
        return decidedAt;
    }
}
