package io.chorus.app.account;

import io.chorus.app.account.AccountViews.LoginCommand;
import io.chorus.app.account.AccountViews.LoginView;
import io.chorus.app.account.AccountViews.RefreshView;
import io.chorus.app.account.AccountViews.SignupCommand;
import io.chorus.app.account.AccountViews.UserView;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.event.DeviceSignedOut;
import io.chorus.app.event.EventPublisher;
import io.chorus.app.event.SocketsClosed;
import io.chorus.app.identity.PublicIds;
import io.chorus.domain.account.AccountRepository;
import io.chorus.domain.push.PushRepository;
import io.chorus.domain.account.Device;
import io.chorus.domain.account.UserAccount;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Sign-up, log-in, refresh, log-out and the token check behind every request (SPEC §3). */
@Stateless
public class AccountService {
    private static final Logger LOG = Logger.getLogger(AccountService.class.getName());
    private static final int SEARCH_LIMIT = 20;

    @Inject
    AccountRepository accounts;

    @Inject
    PushRepository pushes;

    @Inject
    Passwords passwords;

    @Inject
    TokenService tokens;

    @Inject
    LoginThrottle throttle;

    @Inject
    PublicIds ids;

    @Inject
    EventPublisher events;

    @Inject
    @ConfigProperty(name = "chorus.sso.enabled")
    boolean ssoEnabled;

    /** With single sign-on on, false refuses sign-up and password log-in (docs/SSO.md). */
    @Inject
    @ConfigProperty(name = "chorus.sso.password-login")
    boolean passwordLogin;

    public UserView signup(SignupCommand command) {
        checkPasswordLogin();
        String account = AccountRules.account(command.account());
        AccountRules.password(command.password());
        String nickname = AccountRules.nickname(command.nickname(), account);
        if (accounts.findByAccount(account).isPresent()) {
            throw new ChorusException(ErrorCode.ACCOUNT_TAKEN);
        }
        UserAccount user;
        try {
            user = accounts.save(new UserAccount(account, nickname, passwords.hash(command.password()), Instant.now()));
        } catch (PersistenceException raced) {
            // Two sign-ups for one name at once: the unique constraint decided.
            throw new ChorusException(ErrorCode.ACCOUNT_TAKEN);
        }
        LOG.info(() -> "Signed up user " + user.getId());
        return view(user);
    }

    /** {@code address} is the client's network address, for the log-in limits ({@link LoginThrottle}). */
    public LoginView login(LoginCommand command, String address) {
        Device device = signIn(command, address);
        TokenSubject subject = subject(device.getUser(), device);
        return new LoginView(subject.publicUid(), tokens.issue(TokenType.ACCESS, subject),
                tokens.issue(TokenType.REFRESH, subject), tokens.accessTtlSeconds());
    }

    /**
     * A password login straight onto a socket (dialect B's {@code Cmd_Auth}): the same checks and the
     * same device bookkeeping as {@link #login}, without tokens the socket would not use.
     */
    public Caller loginOnSocket(LoginCommand command, String address) {
        return callerOf(signIn(command, address));
    }

    private Device signIn(LoginCommand command, String address) {
        checkPasswordLogin();
        String account = AccountRules.loginAccount(command.account());
        String password = command.password() == null ? "" : command.password();
        String did = AccountRules.did(command.did());
        AccountRules.deviceInfo(command.cos(), command.dname(), command.vsn());
        String throttled = AccountRules.throttledAccount(account);
        String from = AccountRules.throttledAddress(address);
        throttle.check(throttled, from);
        UserAccount user = account == null ? null : accounts.findByAccount(account).orElse(null);
        // Unknown account and wrong password look the same, and take the same time.
        boolean ok = user == null ? passwords.matchesNothing(password) : passwords.matches(password, user.getPasswordHash());
        if (ok) {
            throttle.succeeded(throttled, from);
        } else {
            throttle.failed(throttled, from);
        }
        AccountRules.checkSignIn(ok, () -> user.isEnabled());
        Instant now = Instant.now();
        Device device = accounts.findDevice(user.getId(), did).orElseGet(() -> accounts.save(new Device(user, did, now)));
        device.loggedIn(command.cos(), command.dname(), command.vsn(), now);
        LOG.info(() -> "User " + user.getId() + " logged in on device " + device.getId());
        return device;
    }

    private void checkPasswordLogin() {
        if (ssoEnabled && !passwordLogin) {
            throw new ChorusException(ErrorCode.PASSWORD_LOGIN_DISABLED);
        }
    }

    /**
     * A sign-in someone else checked (the company's identity provider, docs/SSO.md): the device is
     * registered as at {@link #login}, and gets its access and refresh tokens. A new sign-in on a
     * device retires the tokens it had, as a password log-in does.
     */
    public VerifiedLogin signInVerified(UserAccount user, String did, String cos, String dname, String vsn) {
        String checkedDid = AccountRules.did(did);
        AccountRules.deviceInfo(cos, dname, vsn);
        if (!user.isEnabled()) {
            throw new ChorusException(ErrorCode.ACCOUNT_DISABLED);
        }
        Instant now = Instant.now();
        Device device = accounts.findDevice(user.getId(), checkedDid).orElseGet(() -> accounts.save(new Device(user, checkedDid, now)));
        device.loggedIn(cos, dname, vsn, now);
        TokenSubject subject = subject(user, device);
        LOG.info(() -> "User " + user.getId() + " signed in through the identity provider on device " + device.getId());
        return new VerifiedLogin(device.getId(), new LoginView(subject.publicUid(), tokens.issue(TokenType.ACCESS, subject),
                tokens.issue(TokenType.REFRESH, subject), tokens.accessTtlSeconds()));
    }

    /** A verified sign-in's answer, with the device row it registered. */
    public record VerifiedLogin(long deviceId, LoginView view) {
    }

    /** An unusable password hash for accounts that only sign in through the identity provider. */
    public String unusablePasswordHash() {
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        return passwords.hash(java.util.HexFormat.of().formatHex(random));
    }

    /**
     * The device a refresh token names, if the token is genuine and still current (what
     * {@link #refresh} would accept), without issuing anything.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long refreshingDevice(String refreshToken) {
        return currentDevice(tokens.verify(refreshToken, TokenType.REFRESH)).getId();
    }

    /**
     * Ends every sign-in of the user and closes their sockets on every node: the account is disabled
     * and every device's tokens are revoked (deprovisioning, docs/SSO.md).
     */
    public void disableEverywhere(UserAccount user) {
        user.setEnabled(false);
        accounts.devices(user.getId()).forEach(Device::revokeTokens);
        events.publish(new SocketsClosed(user.getId(), null, true));
        LOG.info(() -> "User " + user.getId() + " disabled and signed out of every device");
    }

    /** Revokes one device's tokens and closes its sockets everywhere (as a log-out). */
    public void signOutDevice(long deviceId) {
        accounts.findDeviceWithUser(deviceId).ifPresent(device -> {
            device.revokeTokens();
            pushes.forget(device.getId());
            events.publish(new DeviceSignedOut(device.getUser().getId(), device.getId()));
            LOG.info(() -> "Device " + deviceId + " signed out: its identity provider session ended");
        });
    }

    /** Makes an account with the admin role unless one of that name exists; true if it made it. */
    public boolean createAdminIfAbsent(String accountName, String password) {
        String account = AccountRules.account(accountName);
        AccountRules.password(password);
        if (accounts.findByAccount(account).isPresent()) {
            return false;
        }
        UserAccount admin = new UserAccount(account, "Administrator", passwords.hash(password), Instant.now());
        admin.setRole(UserAccount.ROLE_ADMIN);
        accounts.save(admin);
        return true;
    }

    public RefreshView refresh(String refreshToken) {
        TokenSubject claimed = tokens.verify(refreshToken, TokenType.REFRESH);
        Device device = currentDevice(claimed);
        return new RefreshView(tokens.issue(TokenType.ACCESS, subject(device.getUser(), device)), tokens.accessTtlSeconds());
    }

    public void logout(Caller caller) {
        accounts.findDevice(caller.deviceId()).ifPresent(Device::revokeTokens);
        // A device logged out must not be woken for the account any more (docs/PUSH.md).
        pushes.forget(caller.deviceId());
        // The session is over everywhere: a socket opened with the revoked token must not outlive it.
        events.publish(new DeviceSignedOut(caller.userId(), caller.deviceId()));
        LOG.info(() -> "User " + caller.userId() + " logged out device " + caller.deviceId());
    }

    /** The check behind every REST request and socket: genuine token, current device, enabled user. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Caller authenticate(String accessToken) {
        return authenticate(tokens.verify(accessToken, TokenType.ACCESS));
    }

    /**
     * As {@link #authenticate(String)}, for a token {@link TokenService#verify} accepted moments ago
     * on this request (a socket's upgrade): the device and user are checked, the signature is not again.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Caller authenticate(TokenSubject verified) {
        return callerOf(currentDevice(verified));
    }

    private Caller callerOf(Device device) {
        UserAccount user = device.getUser();
        return new Caller(user.getId(), ids.encode(user.getId()), device.getId(), device.getDid(),
                UserAccount.ROLE_ADMIN.equals(user.getRole()));
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public UserView me(Caller caller) {
        return accounts.findUser(caller.userId()).map(this::view)
                .orElseThrow(() -> new ChorusException(ErrorCode.TOKEN_INVALID));
    }

    /**
     * Enabled users whose account starts with {@code query} (case-insensitive, at least 3
     * characters, so the directory cannot be listed wholesale), at most 20.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<UserView> search(String query) {
        return accounts.searchByAccount(AccountRules.searchPrefix(query), SEARCH_LIMIT).stream().map(this::view).toList();
    }

    private Device currentDevice(TokenSubject claimed) {
        return accounts.findDeviceWithUser(claimed.deviceId())
                .filter(d -> AccountRules.tokenIsCurrent(claimed, d.getTokenGeneration(), d.getDid(),
                        ids.encode(d.getUser().getId()), d.getUser().isEnabled()))
                .orElseThrow(() -> new ChorusException(ErrorCode.TOKEN_INVALID));
    }

    private TokenSubject subject(UserAccount user, Device device) {
        return new TokenSubject(ids.encode(user.getId()), device.getId(), device.getDid(), device.getTokenGeneration());
    }

    private UserView view(UserAccount user) {
        return new UserView(ids.encode(user.getId()), user.getAccount(), user.getNickname());
    }
}
