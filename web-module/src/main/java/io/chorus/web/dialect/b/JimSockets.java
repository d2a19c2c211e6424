package io.chorus.web.dialect.b;

import io.chorus.web.protocol.b.PacketStreamDecoder;
import io.chorus.web.socket.Connections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What every {@code /jim} socket shares: the dispatcher, the connections and the limits of
 * {@code chorus.jim.*}. One bean; each socket's own state is its {@link JimEndpoint}.
 */
@ApplicationScoped
public class JimSockets {
    @Inject
    JimDispatcher dispatcher;

    @Inject
    Connections connections;

    @Inject
    @ConfigProperty(name = "chorus.jim.auth-timeout-seconds")
    int authTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "chorus.jim.pre-auth-bytes")
    int preAuthBytes;

    @Inject
    @ConfigProperty(name = "chorus.jim.idle-timeout-seconds")
    int idleTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "chorus.jim.max-packet-bytes")
    int maxPacketBytes;

    JimDispatcher dispatcher() {
        return dispatcher;
    }

    Connections connections() {
        return connections;
    }

    /** A socket's packet reader, refusing packets over the limit. */
    PacketStreamDecoder newDecoder() {
        return new PacketStreamDecoder(maxPacketBytes);
    }

    long idleTimeoutMillis() {
        return TimeUnit.SECONDS.toMillis(idleTimeoutSeconds);
    }

    /** Bytes a socket may send before its {@code Cmd_Auth} succeeded. */
    int preAuthBytes() {
        return preAuthBytes;
    }

    /** Runs {@code expired} when a new socket's time to authenticate is up, unless cancelled first. */
    ScheduledFuture<?> authDeadline(Runnable expired) {
        return connections.schedule(expired, TimeUnit.SECONDS.toMillis(authTimeoutSeconds));
    }
}
