package io.chorus.web.ws;

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
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Counts every socket attempt on {@code /ws} and {@code /jim} against {@link ConnectionLimits}
 * before the upgrade, and refuses one over budget with HTTP 429 (SPEC §10): per client address
 * always, per device when the request carries a genuine access token (on {@code /ws}; a {@code /jim}
 * device is known only at {@code Cmd_Auth}, which counts it then).
 *
 * <p>Declared filters run before the container's WebSocket upgrade filter, which is what makes the
 * refusal an HTTP answer. It also hands the client's address and its check of the token to the
 * endpoint: the upgrade runs on this thread, so {@link JimConfigurator} and
 * {@link HandshakeConfigurator} read them from here into the socket's properties.
 */
@WebFilter(urlPatterns = {"/ws", "/jim"}, asyncSupported = true)
public class ConnectionAttemptFilter extends HttpFilter {
    private static final Logger LOG = Logger.getLogger(ConnectionAttemptFilter.class.getName());
    // The upgrade being handled on this thread, for the configurators.
    private static final ThreadLocal<Attempt> CURRENT = new ThreadLocal<>();

    /** The client's address and token, and whose the token is if this filter found it genuine (else null). */
    private record Attempt(String address, String token, TokenSubject subject) {
    }

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
        String token = HandshakeConfigurator.token(request.getHeader("Authorization"), request.getParameter("token"));
        TokenSubject subject = verify(token);
        if (subject != null && !limits.admitDevice(subject.deviceId())) {
            refuse(response, "Too many connection attempts from this device.");
            return;
        }
        CURRENT.set(new Attempt(address, token, subject));
        try {
            chain.doFilter(request, response);
        } finally {
            CURRENT.remove();
        }
    }

    /** The address of the upgrade being handled on this thread; null outside one. */
    static String currentAddress() {
        Attempt attempt = CURRENT.get();
        return attempt == null ? null : attempt.address();
    }

    /**
     * Whose {@code token} is, if this filter checked it on this thread moments ago (signature, issuer,
     * expiry): the endpoint then skips a second check of the same token, which in a reconnect storm
     * was a tenth of the node's CPU; null otherwise.
     */
    static TokenSubject verifiedOnThisThread(String token) {
        Attempt attempt = CURRENT.get();
        return attempt != null && Objects.equals(attempt.token(), token) ? attempt.subject() : null;
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
