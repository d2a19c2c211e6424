package io.chorus.web.socket.handshake;

import io.chorus.app.account.TokenService;
import io.chorus.app.account.TokenSubject;
import io.chorus.app.account.TokenType;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.web.rest.Problem;
import io.chorus.web.socket.limit.ConnectionLimits;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * Counts every socket attempt on {@code /ws} and {@code /jim} against {@link ConnectionLimits}
 * before the upgrade, and refuses one over budget with HTTP 429 (SPEC §10): per client address
 * always, per device when the request carries a genuine access token (on {@code /ws}; a {@code /jim}
 * device is known only at {@code Cmd_Auth}, which counts it then).
 *
 * <p>Declared filters run before the container's WebSocket upgrade filter, which is what makes the
 * refusal an HTTP answer. It also hands the client's address and its check of the token to the
 * path's {@link SocketConfigurator}, as an {@link UpgradeAttempt}.
 */
@WebFilter(urlPatterns = {"/ws", "/jim"}, asyncSupported = true)
public class ConnectionAttemptFilter extends HttpFilter {
    private static final Logger LOG = Logger.getLogger(ConnectionAttemptFilter.class.getName());

    @Inject
    ConnectionLimits limits;

    @Inject
    TokenService tokens;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String address = request.getRemoteAddr();
        if (!limits.admitAddress(address)) {
            refuse(response, "Too many connection attempts from this address.");
            return;
        }
        String token = HandshakeCredentials.token(request.getHeader("Authorization"), request.getParameter("token"));
        TokenSubject subject = verify(token);
        if (subject != null && !limits.admitDevice(subject.deviceId())) {
            refuse(response, "Too many connection attempts from this device.");
            return;
        }
        new UpgradeAttempt(address, token, subject).during(() -> chain.doFilter(request, response));
    }

    /** The subject of a genuine token (signature and expiry checked, no database); null otherwise. */
    private TokenSubject verify(String token) {
        if (token == null) {
            return null;
        }
        try {
            return tokens.verify(token, TokenType.ACCESS);
        } catch (ChorusException notGenuine) {
            // The endpoint refuses it after the upgrade, with the error frame SPEC §4 asks for.
            return null;
        }
    }

    private static void refuse(HttpServletResponse response, String detail) throws IOException {
        LOG.fine(detail);
        response.setStatus(ErrorCode.RATE_LIMITED.httpStatus());
        response.setHeader("Retry-After", "1");
        response.setContentType(Problem.MEDIA_TYPE);
        response.getOutputStream().write(Problem.json(ErrorCode.RATE_LIMITED, detail).getBytes(StandardCharsets.UTF_8));
    }
}
