package io.chorus.web.socket;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live connections of this node, {@code /ws} and {@code /jim} alike, at most one per (user,
 * device). Other nodes keep their own; cluster events (SPEC §8) reach each node, which then looks its
 * own connections up here.
 *
 * <p>Indexed by user first because the common lookup is "every device of this user" (fan-out).
 * Changes to one user's devices happen inside {@code compute} on the outer map, so a register and an
 * unregister for the same user never interleave.
 */
@ApplicationScoped
public class SessionRegistry {
    private final ConcurrentMap<Long, ConcurrentMap<Long, ClientConnection>> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    /**
     * Makes {@code connection} the current one for its device and returns the one it replaced, which
     * the caller should close (SPEC §3: a new connection for a device replaces the old one).
     */
    Optional<ClientConnection> register(ClientConnection connection) {
        long deviceId = connection.caller().deviceId();
        ClientConnection[] replaced = new ClientConnection[1];
        byUser.compute(connection.caller().userId(), (userId, devices) -> {
            ConcurrentMap<Long, ClientConnection> current = devices == null ? new ConcurrentHashMap<>(4) : devices;
            replaced[0] = current.put(deviceId, connection);
            if (replaced[0] == null) {
                count.incrementAndGet();
            }
            return current;
        });
        return replaced[0] == connection ? Optional.empty() : Optional.ofNullable(replaced[0]);
    }

    /**
     * Forgets {@code connection} if it is still the current one for its device; a replaced connection
     * closing late must not evict its successor. Returns whether it was removed.
     */
    boolean unregister(ClientConnection connection) {
        boolean[] removed = new boolean[1];
        byUser.computeIfPresent(connection.caller().userId(), (userId, devices) -> {
            removed[0] = devices.remove(connection.caller().deviceId(), connection);
            if (removed[0]) {
                count.decrementAndGet();
            }
            return devices.isEmpty() ? null : devices;
        });
        return removed[0];
    }

    /** The user's connections on this node, in no particular order; a snapshot. */
    public List<ClientConnection> connectionsOf(long userId) {
        Map<Long, ClientConnection> devices = byUser.get(userId);
        return devices == null ? List.of() : List.copyOf(devices.values());
    }

    public Optional<ClientConnection> connection(long userId, long deviceId) {
        Map<Long, ClientConnection> devices = byUser.get(userId);
        return devices == null ? Optional.empty() : Optional.ofNullable(devices.get(deviceId));
    }

    /** Every connection of this node, for periodic work such as resends. */
    public void forEach(java.util.function.Consumer<ClientConnection> action) {
        byUser.values().forEach(devices -> devices.values().forEach(action));
    }

    /** Live connections on this node. */
    public int count() {
        return count.get();
    }
}
