package io.chorus.domain.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A person who signs in. The account name is stored lower-cased and unique (a DB constraint). */
@Entity
@Table(name = "app_user")
public class UserAccount {
    public static final String ROLE_USER = "user";
    public static final String ROLE_ADMIN = "admin";
    public static final String PRESENCE_ONLINE = "online";
    public static final String PRESENCE_HIDE = "hide";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "user_seq")
    @SequenceGenerator(name = "user_seq", sequenceName = "user_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 64)
    private String account;

    @Column(nullable = false, length = 64)
    private String nickname;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(nullable = false, length = 16)
    private String role = ROLE_USER;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** {@link #PRESENCE_ONLINE} (visible while connected) or {@link #PRESENCE_HIDE} (always looks offline). */
    @Column(nullable = false, length = 8)
    private String presence = PRESENCE_ONLINE;

    /** Whether others are told when this user reads (read receipts, group read counts): a privacy choice. */
    @Column(name = "read_receipts", nullable = false)
    private boolean readReceipts = true;

    @Version
    private long version;

    protected UserAccount() {
    }

    public UserAccount(String account, String nickname, String passwordHash, Instant createdAt) {
        this.account = account;
        this.nickname = nickname;
        this.passwordHash = passwordHash;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getAccount() {
        return account;
    }

    public String getNickname() {
        return nickname;
    }

    /** The nickname as the company's identity provider has it now (single sign-on). */
    public void rename(String nickname) {
        this.nickname = nickname;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getPresence() {
        return presence;
    }

    public boolean isHidden() {
        return PRESENCE_HIDE.equals(presence);
    }

    public void choosePresence(String presence) {
        this.presence = presence;
    }

    public boolean sharesReadReceipts() {
        return readReceipts;
    }

    public void shareReadReceipts(boolean share) {
        this.readReceipts = share;
    }
}
