package io.chorus.domain.sso;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The IdP refresh token of one device's sign-in; replaced whenever the IdP rotates it. */
@Entity
@Table(name = "sso_session")
public class SsoSession {
    @Id
    @Column(name = "device_id")
    private Long deviceId;

    @Column(name = "idp_refresh_token", nullable = false, length = 8192)
    private String idpRefreshToken;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected SsoSession() {
    }

    public SsoSession(long deviceId, String idpRefreshToken, Instant now) {
        this.deviceId = deviceId;
        this.idpRefreshToken = idpRefreshToken;
        this.updatedAt = now;
    }

    public void replace(String idpRefreshToken, Instant now) {
        this.idpRefreshToken = idpRefreshToken;
        this.updatedAt = now;
    }

    public Long getDeviceId() {
        return deviceId;
    }

    public String getIdpRefreshToken() {
        return idpRefreshToken;
    }
}
