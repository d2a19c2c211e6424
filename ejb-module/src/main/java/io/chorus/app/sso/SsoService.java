package io.chorus.app.sso;

import com.nimbusds.jwt.JWTClaimsSet;
import io.chorus.app.account.AccountRules;
import io.chorus.app.account.AccountService;
import io.chorus.app.account.AccountViews.LoginView;
import io.chorus.app.account.AccountViews.RefreshView;
import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.sso.SsoViews.DeprovisionCommand;
import io.chorus.app.sso.SsoViews.DeprovisionedView;
import io.chorus.app.sso.SsoViews.ExchangeCommand;
import io.chorus.app.sso.SsoViews.SsoInfo;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Company sign-in (docs/SSO.md). No transaction is held while the IdP is asked: the token checks
 * and the IdP's token endpoint come first, then {@link SsoAccounts} writes in a short transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SsoService {
    private static final Logger LOG = Logger.getLogger(SsoService.class.getName());

    @Inject
    SsoSettings settings;

    @Inject
    IdentityProvider idp;

    @EJB
    SsoAccounts ssoAccounts;

    @EJB
    AccountService accounts;

    @Inject
    @ConfigProperty(name = "chorus.sso.password-login")
    boolean passwordLogin;

    public SsoInfo info() {
        boolean on = settings.enabled() && !settings.issuer().isEmpty();
        return new SsoInfo(on, !on || passwordLogin, on ? settings.issuer() : null);
    }

    /**
     * An app's sign-in: the IdP's access token for Chorus becomes Chorus' own access and refresh
     * tokens for the device, as at log-in. Refused, with nothing made, when the token is not
     * genuine, not from the configured issuer, not for Chorus, expired, or when the IdP will not
     * open a session for Chorus (user disabled there).
     */
    public LoginView exchange(ExchangeCommand command) {
        settings.requireEnabled();
        if (command == null) {
            throw ChorusException.invalid("a JSON body is required");
        }
        String did = AccountRules.did(command.did());
        AccountRules.deviceInfo(command.cos(), command.dname(), command.vsn());
        JWTClaimsSet claims = idp.verifyAppToken(command.subject_token());
        IdpProfile profile = IdpProfile.of(claims, settings);
        String idpRefreshToken = settings.idpSessionCheck() ? idp.exchangeForRefreshToken(command.subject_token().strip()) : null;
        try {
            return ssoAccounts.signIn(profile, did, command.cos(), command.dname(), command.vsn(), idpRefreshToken).view();
        } catch (EJBException raced) {
            // Two first sign-ins of one person at once: the unique (issuer, subject) let one through.
            LOG.info("Single sign-on: a concurrent first sign-in won; signing in again");
            return ssoAccounts.signIn(profile, did, command.cos(), command.dname(), command.vsn(), idpRefreshToken).view();
        }
    }

    /**
     * Every refresh of a Chorus token: a device that signed in through the IdP refreshes its IdP
     * session first. If the IdP refuses (user disabled or deleted there, session ended), the
     * device's tokens are revoked, its socket closes, and the refresh fails with idp_session_ended.
     */
    public RefreshView refresh(String refreshToken) {
        if (settings.enabled()) {
            long deviceId = accounts.refreshingDevice(refreshToken);
            Optional<String> idpSession = ssoAccounts.idpRefreshToken(deviceId);
            if (idpSession.isPresent()) {
                Optional<String> next = idp.refresh(idpSession.get());
                if (next.isEmpty()) {
                    ssoAccounts.endSession(deviceId);
                    throw new ChorusException(ErrorCode.IDP_SESSION_ENDED);
                }
                if (!next.get().equals(idpSession.get())) {
                    ssoAccounts.keepSession(deviceId, next.get());
                }
            }
        }
        return accounts.refresh(refreshToken);
    }

    /** The console's sign-in begins: where to send the browser, and the cookie to set (docs/SSO.md). */
    public ConsoleStart startConsoleSignIn(URI redirectUri) {
        settings.requireEnabled();
        ConsoleSignIn.Start start = ConsoleSignIn.start(idp.metadata().getAuthorizationEndpointURI(), settings.clientId(),
                settings.consoleRedirectUri().orElse(redirectUri));
        return new ConsoleStart(start.authorization(), start.cookie());
    }

    /**
     * The IdP sent the browser back: the code is traded for tokens (with the PKCE verifier), the ID
     * token checked (issuer, audience Chorus, signature, expiry, the nonce sent), the account made
     * or updated as for apps, and a Chorus token issued for a console device of its own.
     */
    public ConsoleSignedIn finishConsoleSignIn(URI redirectUri, String cookie, String state, String code, String error) {
        settings.requireEnabled();
        ConsoleSignIn.Attempt attempt = ConsoleSignIn.attempt(cookie, state);
        if (error != null) {
            throw new ChorusException(ErrorCode.IDP_TOKEN_INVALID, "the identity provider refused the sign-in ("
                    + error.replaceAll("[^A-Za-z0-9_]", "") + ")");
        }
        URI redirect = settings.consoleRedirectUri().orElse(redirectUri);
        String idToken = idp.idTokenForCode(ConsoleSignIn.grant(code, redirect, attempt))
                .orElseThrow(() -> new ChorusException(ErrorCode.IDP_TOKEN_INVALID, "the identity provider refused the authorization code"));
        IdpProfile profile;
        try {
            profile = IdpProfile.of(idp.tokens().verifyIdToken(idToken, settings.clientId(), attempt.nonce()).toJWTClaimsSet(), settings);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new ChorusException(ErrorCode.IDP_TOKEN_INVALID, "the ID token's claims cannot be read");
        }
        // A device per console sign-in: two browsers of one administrator do not retire each other's token.
        String did = "console-" + attempt.state().substring(0, 12).replaceAll("[^A-Za-z0-9]", "x");
        LoginView login = ssoAccounts.signIn(profile, did, "web", "Admin console", null, null).view();
        return new ConsoleSignedIn(login.token(), profile.account());
    }

    public record ConsoleStart(URI authorization, String cookie) {
    }

    public record ConsoleSignedIn(String token, String account) {
    }

    /**
     * OpenID Connect back-channel logout: the IdP says the person's session ended there. Every
     * device that signed in through the IdP is signed out at once; the account stays enabled.
     */
    public int backchannelLogout(String logoutToken) {
        settings.requireEnabled();
        var claims = idp.tokens().verifyLogoutToken(logoutToken, settings.clientId());
        if (claims.getSubject() == null) {
            throw new ChorusException(ErrorCode.IDP_TOKEN_INVALID, "the logout token names no subject (sub)");
        }
        return ssoAccounts.endIdpSessions(settings.issuer(), claims.getSubject().getValue());
    }

    public DeprovisionedView deprovision(Caller admin, DeprovisionCommand command) {
        settings.requireEnabled();
        if (command == null) {
            throw ChorusException.invalid("a JSON body is required");
        }
        return ssoAccounts.deprovision(admin, settings.issuer(), command.subject());
    }
}
