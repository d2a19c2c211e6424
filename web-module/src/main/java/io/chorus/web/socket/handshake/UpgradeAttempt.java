package io.chorus.web.socket.handshake;

import io.chorus.app.account.TokenSubject;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.Objects;

/**
 * What {@link ConnectionAttemptFilter} found out about a socket upgrade, handed to the path's
 * {@link SocketConfigurator}: the client's address, and whose the request's access token is if the
 * filter found it genuine.
 *
 * <p>The container upgrades the request on the filter's thread, inside its {@code chain.doFilter}, and
 * calls the configurator there; nothing else connects the two, so the attempt travels in a
 * thread-local that is set for exactly that call. This class is the only one that touches it.
 */
public final class UpgradeAttempt {
    /** No attempt: the filter did not run on this thread. */
    static final UpgradeAttempt NONE = new UpgradeAttempt(null, null, null);

    private static final ThreadLocal<UpgradeAttempt> CURRENT = new ThreadLocal<>();

    private final String address;
    private final String token;
    private final TokenSubject subject;

    /**
     * @param address the client's network address
     * @param token   the access token the request carried, or null
     * @param subject whose {@code token} is if the filter found it genuine, else null
     */
    public UpgradeAttempt(String address, String token, TokenSubject subject) {
        this.address = address;
        this.token = token;
        this.subject = subject;
    }

    /** Runs {@code upgrade} with this attempt as the thread's current one, and forgets it after. */
    void during(Upgrade upgrade) throws IOException, ServletException {
        CURRENT.set(this);
        try {
            upgrade.run();
        } finally {
            CURRENT.remove();
        }
    }

    /** The attempt being upgraded on this thread; {@link #NONE} outside one. */
    static UpgradeAttempt current() {
        UpgradeAttempt attempt = CURRENT.get();
        return attempt == null ? NONE : attempt;
    }

    /** The client's network address; null if the filter did not run. */
    public String address() {
        return address;
    }

    /**
     * Whose {@code token} is, if the filter checked this very token moments ago (signature, issuer,
     * expiry): the endpoint then skips a second check of the same token, which in a reconnect storm
     * was a tenth of the node's CPU; null otherwise.
     */
    public TokenSubject verified(String token) {
        return Objects.equals(this.token, token) ? subject : null;
    }

    // Never print a token, even by accident in a log line.
    @Override
    public String toString() {
        return "UpgradeAttempt[address=" + address + ", token=" + (token == null ? "absent" : "present")
                + ", verified=" + (subject != null) + "]";
    }

    /** The rest of the filter chain, which upgrades the request. */
    @FunctionalInterface
    interface Upgrade {
        void run() throws IOException, ServletException;
    }
}
