package io.chorus.app.sso;

import io.chorus.app.account.AccountService;
import io.chorus.app.account.AccountService.VerifiedLogin;
import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.identity.PublicIds;
import io.chorus.app.sso.SsoViews.DeprovisionedView;
import io.chorus.domain.account.AccountRepository;
import io.chorus.domain.account.UserAccount;
import io.chorus.domain.sso.SsoIdentity;
import io.chorus.domain.sso.SsoRepository;
import io.chorus.domain.sso.SsoSession;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * The database side of single sign-on, each method one transaction: accounts made or updated from
 * the IdP's claims, the devices' IdP sessions, deprovisioning. {@link SsoService} calls the IdP
 * outside these transactions.
 */
@Stateless
public class SsoAccounts {
    private static final Logger LOG = Logger.getLogger(SsoAccounts.class.getName());

    @Inject
    SsoRepository sso;

    @Inject
    AccountRepository accounts;

    @Inject
    PublicIds ids;

    @EJB
    AccountService accountService;

    /**
     * The user this IdP identity is, made at the first sign-in and brought up to date at each
     * later one (nickname, e-mail, admin role from the admin group); then the device's sign-in.
     */
    public VerifiedLogin signIn(IdpProfile profile, String did, String cos, String dname, String vsn, String idpRefreshToken) {
        Instant now = Instant.now();
        UserAccount user = sso.findIdentity(profile.issuer(), profile.subject())
                .map(identity -> update(identity, profile, now))
                .orElseGet(() -> create(profile, now));
        VerifiedLogin login = accountService.signInVerified(user, did, cos, dname, vsn);
        if (idpRefreshToken != null) {
            sso.findSession(login.deviceId()).ifPresentOrElse(session -> session.replace(idpRefreshToken, now),
                    () -> sso.save(new SsoSession(login.deviceId(), idpRefreshToken, now)));
        }
        return login;
    }

    private UserAccount update(SsoIdentity identity, IdpProfile profile, Instant now) {
        UserAccount user = identity.getUser();
        if (!user.isEnabled()) {
            // Deprovisioned (or disabled by an administrator): the IdP alone does not bring them back.
            throw new ChorusException(ErrorCode.ACCOUNT_DISABLED);
        }
        identity.signedIn(profile.email(), now);
        user.rename(profile.nickname());
        user.setRole(profile.admin() ? UserAccount.ROLE_ADMIN : UserAccount.ROLE_USER);
        return user;
    }

    private UserAccount create(IdpProfile profile, Instant now) {
        if (accounts.findByAccount(profile.account()).isPresent()) {
            // Linking silently would hand a local account to whoever the IdP calls by that name.
            throw new ChorusException(ErrorCode.ACCOUNT_TAKEN,
                    "An account named " + profile.account() + " exists and is not linked to the identity provider.");
        }
        UserAccount user = new UserAccount(profile.account(), profile.nickname(), accountService.unusablePasswordHash(), now);
        user.setRole(profile.admin() ? UserAccount.ROLE_ADMIN : UserAccount.ROLE_USER);
        accounts.save(user);
        SsoIdentity identity = new SsoIdentity(profile.issuer(), profile.subject(), user, now);
        identity.signedIn(profile.email(), now);
        sso.save(identity);
        LOG.info(() -> "Single sign-on: made user " + user.getId() + " just in time");
        return user;
    }

    /** The IdP refresh token the device signed in with, if it did through the IdP. */
    public java.util.Optional<String> idpRefreshToken(long deviceId) {
        return sso.findSession(deviceId).map(SsoSession::getIdpRefreshToken);
    }

    public void keepSession(long deviceId, String idpRefreshToken) {
        sso.findSession(deviceId).ifPresent(session -> session.replace(idpRefreshToken, Instant.now()));
    }

    /** The IdP ended the device's session: its Chorus tokens go too, and its socket closes. */
    public void endSession(long deviceId) {
        sso.findSession(deviceId).ifPresent(session -> sso.remove(session));
        accountService.signOutDevice(deviceId);
    }

    /**
     * The IdP logged the person out (back-channel logout): every device that signed in through it
     * is signed out (tokens revoked, sockets closed on every node). The account stays enabled.
     */
    public int endIdpSessions(String issuer, String subject) {
        return sso.findIdentity(issuer, subject).map(identity -> {
            java.util.List<SsoSession> sessions = sso.sessionsOf(identity.getUser().getId());
            for (SsoSession session : sessions) {
                sso.remove(session);
                accountService.signOutDevice(session.getDeviceId());
            }
            LOG.info(() -> "Single sign-on: the identity provider logged user " + identity.getUser().getId() + " out of "
                    + sessions.size() + " device(s)");
            return sessions.size();
        }).orElse(0);
    }

    /**
     * The person left the company: the account is disabled, every device's tokens are revoked,
     * every socket closes on every node, and nothing is refreshed at the IdP for them again.
     */
    public DeprovisionedView deprovision(Caller admin, String issuer, String subject) {
        if (subject == null || subject.isBlank() || subject.length() > 255) {
            throw ChorusException.invalid("subject is required (at most 255 characters)");
        }
        SsoIdentity identity = sso.findIdentity(issuer, subject.strip())
                .orElseThrow(() -> new ChorusException(ErrorCode.NOT_FOUND, "No user signed in with this subject."));
        UserAccount user = identity.getUser();
        if (user.getId() == admin.userId()) {
            throw new ChorusException(ErrorCode.FORBIDDEN, "An administrator cannot deprovision their own account.");
        }
        int devices = accounts.devices(user.getId()).size();
        sso.deleteSessionsOf(user.getId());
        accountService.disableEverywhere(user);
        LOG.info(() -> "Administrator " + admin.userId() + " deprovisioned user " + user.getId());
        return new DeprovisionedView(ids.encode(user.getId()), user.getAccount(), false, devices);
    }
}
