package io.chorus.app.sso;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code chorus.sso.*} settings (docs/CONFIGURATION.md); single sign-on is off by default. */
@ApplicationScoped
public class SsoSettings {
    @Inject
    @ConfigProperty(name = "chorus.sso.enabled")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "chorus.sso.issuer")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "chorus.sso.client-id")
    String clientId;

    @Inject
    @ConfigProperty(name = "chorus.sso.client-secret")
    Optional<String> clientSecret;

    @Inject
    @ConfigProperty(name = "chorus.sso.audience")
    Optional<String> audience;

    @Inject
    @ConfigProperty(name = "chorus.sso.claim.account")
    String accountClaim;

    @Inject
    @ConfigProperty(name = "chorus.sso.claim.nickname")
    String nicknameClaim;

    @Inject
    @ConfigProperty(name = "chorus.sso.claim.email")
    String emailClaim;

    @Inject
    @ConfigProperty(name = "chorus.sso.claim.groups")
    String groupsClaim;

    @Inject
    @ConfigProperty(name = "chorus.sso.admin-group")
    Optional<String> adminGroup;

    @Inject
    @ConfigProperty(name = "chorus.sso.idp-session-check")
    boolean idpSessionCheck;

    @Inject
    @ConfigProperty(name = "chorus.sso.clock-skew-seconds")
    int clockSkewSeconds;

    @Inject
    @ConfigProperty(name = "chorus.sso.http-timeout-ms")
    int httpTimeoutMs;

    @Inject
    @ConfigProperty(name = "chorus.sso.console-redirect-uri")
    Optional<String> consoleRedirectUri;

    public boolean enabled() {
        return enabled;
    }

    /** Refuses every single sign-on request while it is off or has no issuer. */
    void requireEnabled() {
        if (!enabled || issuer.filter(s -> !s.isBlank()).isEmpty()) {
            throw new ChorusException(ErrorCode.SSO_NOT_CONFIGURED);
        }
    }

    public String issuer() {
        return issuer.orElse("").strip();
    }

    public String clientId() {
        return clientId;
    }

    public Optional<String> clientSecret() {
        return clientSecret.filter(s -> !s.isBlank());
    }

    /** The audience an app's token must name: Chorus' own client id unless set otherwise. */
    public String audience() {
        return audience.filter(s -> !s.isBlank()).orElse(clientId);
    }

    public String accountClaim() {
        return accountClaim;
    }

    public String nicknameClaim() {
        return nicknameClaim;
    }

    public String emailClaim() {
        return emailClaim;
    }

    public String groupsClaim() {
        return groupsClaim;
    }

    public Optional<String> adminGroup() {
        return adminGroup.filter(s -> !s.isBlank());
    }

    public boolean idpSessionCheck() {
        return idpSessionCheck;
    }

    public int clockSkewSeconds() {
        return clockSkewSeconds;
    }

    /** Where the IdP sends the console back; empty: derived from the request (set it behind a proxy). */
    public Optional<java.net.URI> consoleRedirectUri() {
        return consoleRedirectUri.filter(s -> !s.isBlank()).map(java.net.URI::create);
    }

    public int httpTimeoutMs() {
        return httpTimeoutMs;
    }
}
