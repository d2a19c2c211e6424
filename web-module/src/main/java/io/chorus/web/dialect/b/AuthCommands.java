package io.chorus.web.dialect.b;

import io.chorus.app.account.AccountService;
import io.chorus.app.account.AccountViews.LoginCommand;
import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.DatabaseReach;
import io.chorus.app.error.ErrorCode;
import io.chorus.web.protocol.b.AuthCodec;
import io.chorus.web.protocol.b.BodyException;
import io.chorus.web.protocol.b.Packet;
import io.chorus.web.protocol.b.ServerPackets;
import io.chorus.web.socket.ClientConnection;
import io.chorus.web.socket.CloseCodes;
import io.chorus.web.socket.Dialect;
import io.chorus.web.socket.limit.ConnectionLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The session commands (CMD 0x01–0x03): {@code Cmd_Auth}, the first packet of every socket, and
 * {@code Cmd_SignOut}. ({@code Cmd_ConflictNotification} is the server's, see {@link JimDialect}.)
 */
@ApplicationScoped
class AuthCommands {
    private static final Logger LOG = Logger.getLogger(AuthCommands.class.getName());

    @Inject
    DatabaseReach reach;

    @Inject
    AccountService accounts;

    @Inject
    ServerPackets packets;

    @Inject
    JimDialect dialect;

    @Inject
    ConnectionLimits limits;

    private final Clock clock = Clock.systemUTC();

    /** The outcome of a {@code Cmd_Auth}: the Response to write, and who signed in (null: nobody). */
    record AuthOutcome(byte[] reply, Caller caller, Dialect dialect) {
    }

    /**
     * {@code Cmd_Auth}: a token, or an account and password from a terminal type ({@link AuthCodec});
     * the Response says who signed in, or why not. An unknown account answers as a wrong password does.
     */
    AuthOutcome authenticate(Packet request, String address) {
        Caller caller;
        try {
            reach.check();
            AuthCodec.Request auth = AuthCodec.readRequest(request.data());
            if (auth.token() != null) {
                // The token names the device already; tt is only for the password login.
                caller = accounts.authenticate(auth.token());
            } else {
                caller = accounts.loginOnSocket(new LoginCommand(auth.account(), auth.password(), auth.terminal().did(),
                        auth.terminal().cos(), auth.ts(), auth.tv()), address);
            }
            // The device is known only now: its connection attempts count here, not before the upgrade.
            if (!limits.admitDevice(caller.deviceId())) {
                return refused(request, AuthCodec.AUTH_INVALID_REQUEST, ErrorCode.RATE_LIMITED.reason());
            }
        } catch (BodyException invalid) {
            return refused(request, AuthCodec.AUTH_INVALID_REQUEST, ErrorCode.INVALID_FIELD.reason());
        } catch (ChorusException refused) {
            return refused(request, AuthCodec.codeOf(refused.code()), refused.code().reason());
        } catch (RuntimeException failure) {
            ErrorCode code = reach.codeOf(failure);
            LOG.log(code == ErrorCode.INTERNAL ? Level.WARNING : Level.FINE, "Cmd_Auth could not be served", failure);
            return refused(request, AuthCodec.AUTH_DATABASE_ERROR, code.reason());
        }
        return new AuthOutcome(packets.response(request, AuthCodec.response(caller.userId(), clock.millis())), caller, dialect);
    }

    private AuthOutcome refused(Packet request, int code, String reason) {
        return new AuthOutcome(packets.response(request, AuthCodec.refusal(code, clock.millis(), reason)), null, null);
    }

    /** {@code Cmd_SignOut}: no reply; the device is signed out (its tokens revoked) and the socket closed. */
    void signOut(ClientConnection connection) {
        // Closed first: the sign-out's own DeviceSignedOut event would otherwise race it with 4006.
        connection.close(CloseCodes.SIGNED_OUT, "signed out");
        accounts.logout(connection.caller());
    }
}
