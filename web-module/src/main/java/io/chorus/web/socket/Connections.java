package io.chorus.web.socket;

import io.chorus.app.account.Caller;
import io.chorus.app.presence.LeaseLost;
import io.chorus.app.presence.PresenceService;
import io.chorus.web.socket.limit.ConnectionLimits;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The life of an authenticated socket, the same for both dialects: registered with its feed, its
 * presence recorded, its backlog replayed; and undone when it goes.
 */
@ApplicationScoped
public class Connections {
    private static final Logger LOG = Logger.getLogger(Connections.class.getName());
    /** The close reason of a socket the node could not record: retry later, as after an {@code unavailable} error. */
    static final String UNAVAILABLE = "unavailable";

    @Inject
    SessionRegistry registry;

    @Inject
    PresenceService presence;

    @Inject
    ConnectionHooks hooks;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    ConnectionLimits limits;


    /** Runs {@code task} once after {@code delayMillis}, e.g. a socket's authentication deadline. */
    public ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
        return scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Makes the socket live for {@code caller}'s device: a previous socket of the device is replaced,
     * then the backlog goes out ahead of any live message.
     */
    public ClientConnection open(Session session, Caller caller, Dialect dialect) {
        return open(session, caller, dialect, opened -> { });
    }

    /** As {@link #open(Session, Caller, Dialect)}, with {@code first} written before anything else. */
    public ClientConnection open(Session session, Caller caller, Dialect dialect, Consumer<ClientConnection> first) {
        ClientConnection opened = new ClientConnection(session, caller, dialect, ClientConnection.OUTBOUND_QUEUE_CAPACITY,
                limits.sendBudget(caller.deviceId()));
        first.accept(opened);
        // Before registration, so live events that arrive now wait for the backlog.
        hooks.registering(opened);
        registry.register(opened).ifPresent(previous -> {
            LOG.fine(() -> "Connection " + previous.id() + " replaced by " + opened.id());
            previous.dialect().replaced(previous);
        });
        try {
            opened.recordPresence(() -> presence.connected(caller, opened.connectionId()));
        } catch (RuntimeException e) {
            // Not only presence reads the row: the delivery sweep finds this node's devices by it (and
            // a lease taken over clears by it). A socket without one would miss every message whose
            // event is lost, silently, for as long as it lives; closed, its client reconnects.
            LOG.log(Level.WARNING, "Could not record connection " + opened.id() + "; closing it for its client to reconnect", e);
            opened.close(CloseCodes.INTERNAL_ERROR, UNAVAILABLE);
            return opened;
        }
        hooks.live(opened);
        LOG.fine(() -> "Connection " + opened.id() + " opened for user " + caller.userId() + " device " + caller.deviceId());
        return opened;
    }

    /**
     * The other nodes took this one for dead and cleared its sockets' rows: every socket here is
     * closed, so that its client reconnects and is recorded again (presence, the delivery sweep).
     */
    void leaseLost(@Observes LeaseLost lost) {
        registry.forEach(connection -> connection.close(CloseCodes.NODE_RESTARTING, "node restarting, reconnect"));
    }

    /** The socket went away: it leaves the registry (unless already replaced) and presence. */
    public void closed(ClientConnection connection) {
        if (registry.unregister(connection)) {
            LOG.fine(() -> "Connection " + connection.id() + " unregistered");
        }
        try {
            hooks.closed(connection);
        } catch (RuntimeException e) {
            // Left in the backlog: the device gets them again on its next connect (at least once).
            LOG.log(Level.WARNING, "Could not settle what was written to " + connection, e);
        }
        // A replaced socket has its own presence row too: it goes, the successor's stays.
        try {
            connection.forgetPresence(() -> presence.disconnected(connection.caller(), connection.connectionId()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record the close of connection " + connection.id() + " for presence", e);
        }
    }
}
