package io.chorus.domain.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A device a user logged in from, named by the client's {@code did} (unique per user).
 *
 * <p>Tokens carry the device's {@code tokenGeneration}; bumping it (log in again, log out) makes
 * every earlier token of this device invalid at once, on every node, without a token deny-list.
 */
@Entity
@Table(name = "device")
public class Device {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "device_seq")
    @SequenceGenerator(name = "device_seq", sequenceName = "device_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false)
    private UserAccount user;

    @Column(nullable = false, length = 64)
    private String did;

    @Column(length = 32)
    private String cos;

    @Column(length = 128)
    private String dname;

    @Column(length = 32)
    private String vsn;

    @Column(name = "token_generation", nullable = false)
    private int tokenGeneration;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_login_at", nullable = false)
    private Instant lastLoginAt;

    protected Device() {
    }

    public Device(UserAccount user, String did, Instant now) {
        this.user = user;
        this.did = did;
        this.createdAt = now;
        this.lastLoginAt = now;
    }

    /** Records a login: refreshes what the client told about itself and retires older tokens. */
    public void loggedIn(String cos, String dname, String vsn, Instant now) {
        this.cos = cos;
        this.dname = dname;
        this.vsn = vsn;
        this.lastLoginAt = now;
        this.tokenGeneration++;
    }

    public void rename(String dname) {
        this.dname = dname;
    }

    /** Retires every token issued so far to this device. */
    public void revokeTokens() {
        this.tokenGeneration++;
    }

    public Long getId() {
        return id;
    }

    public UserAccount getUser() {
        return user;
    }

    public String getDid() {
        return did;
    }

    public String getCos() {
        return cos;
    }

    public String getDname() {
        return dname;
    }

    public String getVsn() {
        return vsn;
    }

    public int getTokenGeneration() {
        return tokenGeneration;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastLoginAt() {
        return lastLoginAt;
    }
}
