package io.chorus.domain.sso;

import io.chorus.domain.account.UserAccount;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user as the company's identity provider knows them: issuer and subject, unique together. */
@Entity
@Table(name = "sso_identity")
public class SsoIdentity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sso_identity_seq")
    @SequenceGenerator(name = "sso_identity_seq", sequenceName = "sso_identity_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 255)
    private String issuer;

    @Column(nullable = false, length = 255)
    private String subject;

    @OneToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false)
    private UserAccount user;

    @Column(length = 255)
    private String email;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_sign_in_at", nullable = false)
    private Instant lastSignInAt;

    protected SsoIdentity() {
    }

    public SsoIdentity(String issuer, String subject, UserAccount user, Instant now) {
        this.issuer = issuer;
        this.subject = subject;
        this.user = user;
        this.createdAt = now;
        this.lastSignInAt = now;
    }

    /** A later sign-in: the IdP's e-mail is taken as it is now. */
    public void signedIn(String email, Instant now) {
        this.email = email;
        this.lastSignInAt = now;
    }

    public Long getId() {
        return id;
    }

    public String getIssuer() {
        return issuer;
    }

    public String getSubject() {
        return subject;
    }

    public UserAccount getUser() {
        return user;
    }

    public String getEmail() {
        return email;
    }

    public Instant getLastSignInAt() {
        return lastSignInAt;
    }
}
