package io.chorus.web.socket.handshake;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The handshake and the endpoints of {@code /ws} and {@code /jim}. Refuses the upgrade (before any
 * frame; WildFly answers 404) of a browser whose origin is not allowed, see {@link OriginPolicy}, and
 * lets each path hand what the upgrade carried (and what {@link ConnectionAttemptFilter} found out
 * about it, the {@link UpgradeAttempt}) to its endpoint.
 *
 * <p>Each socket gets a plain endpoint object that holds the socket's state and shares one bean,
 * {@code S}, with every other socket: an idle connection should cost what it holds. The container's
 * default, a CDI-injected endpoint per socket, adds a creational context for each injected bean and
 * a proxy for each EJB to every socket (docs/PERFORMANCE.md, <i>connections</i>).
 *
 * @param <S> the bean the endpoints of this path share
 */
public abstract class SocketConfigurator<S> extends ServerEndpointConfig.Configurator {
    private final Supplier<S> lookup;
    // Looked up on the first handshake: the container makes configurators, not CDI.
    private volatile S shared;

    /** Endpoints share the CDI bean of {@code sharedType}. */
    protected SocketConfigurator(Class<S> sharedType) {
        this(() -> CDI.current().select(sharedType).get());
    }

    /** Endpoints share what {@code lookup} gives (a test's stand-in, for one). */
    protected SocketConfigurator(Supplier<S> lookup) {
        this.lookup = lookup;
    }

    /** The endpoint object of one new socket. */
    protected abstract Object newEndpoint(S shared);

    /**
     * Leaves what this path's endpoint needs of the upgrade in {@code sec}'s user properties, for the
     * endpoint to {@link #take} on open. {@code attempt} is what the filter found out (no address and
     * no verified token if it did not run).
     */
    protected abstract void handOver(ServerEndpointConfig sec, HandshakeRequest request, UpgradeAttempt attempt);

    @Override
    public final void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        // Here, on the upgrade request's thread, the deployment is the context CDI looks the bean up in;
        // the endpoint may be made on an I/O thread.
        shared();
        // And the filter's attempt is still the thread's.
        handOver(sec, request, UpgradeAttempt.current());
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return endpointClass.cast(newEndpoint(shared()));
    }

    private S shared() {
        S current = shared;
        if (current == null) {
            // Two first handshakes at once look it up twice; both get the same application-scoped bean.
            current = lookup.get();
            shared = current;
        }
        return current;
    }

    /**
     * Reads a value the handshake left for the endpoint and removes it: the container copies the
     * per-connection properties into the session's, and both live as long as the socket, so what is
     * read once on open should not stay in either.
     */
    protected static Object take(Session session, EndpointConfig config, String key) {
        Object value = config.getUserProperties().remove(key);
        Object copy = session.getUserProperties().remove(key);
        return value != null ? value : copy;
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        // Not a CDI bean: the container makes configurators, so the configuration is looked up.
        Config config = ConfigProvider.getConfig();
        return OriginPolicy.of(config.getOptionalValue("chorus.mode", String.class).orElse("development"),
                config.getOptionalValue("chorus.ws.allowed-origins", String.class).orElse("")).allows(originHeaderValue);
    }
}
