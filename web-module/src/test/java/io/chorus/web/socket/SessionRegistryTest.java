package io.chorus.web.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.app.account.Caller;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import org.junit.jupiter.api.Test;

class SessionRegistryTest {
    private final SessionRegistry registry = new SessionRegistry();

    @Test
    void register_firstConnectionForDevice_replacesNothing() {
        ClientConnection phone = connection("s1", 1, 10);

        assertEquals(Optional.empty(), registry.register(phone));
        assertEquals(Optional.of(phone), registry.connection(1, 10));
        assertEquals(1, registry.count());
    }

    @Test
    void register_secondConnectionForSameDevice_returnsTheOneItReplaced() {
        ClientConnection old = connection("s1", 1, 10);
        ClientConnection replacement = connection("s2", 1, 10);
        registry.register(old);

        assertEquals(Optional.of(old), registry.register(replacement));
        assertEquals(Optional.of(replacement), registry.connection(1, 10));
        assertEquals(1, registry.count());
    }

    @Test
    void unregister_whenAlreadyReplaced_keepsTheSuccessor() {
        ClientConnection old = connection("s1", 1, 10);
        ClientConnection replacement = connection("s2", 1, 10);
        registry.register(old);
        registry.register(replacement);

        assertFalse(registry.unregister(old));
        assertEquals(Optional.of(replacement), registry.connection(1, 10));
        assertEquals(1, registry.count());
    }

    @Test
    void unregister_current_removesItAndForgetsTheUser() {
        ClientConnection phone = connection("s1", 1, 10);
        registry.register(phone);

        assertTrue(registry.unregister(phone));
        assertEquals(Optional.empty(), registry.connection(1, 10));
        assertTrue(registry.connectionsOf(1).isEmpty());
        assertEquals(0, registry.count());
    }

    @Test
    void connectionsOf_userWithTwoDevices_returnsBothAndNoOneElse() {
        ClientConnection phone = connection("s1", 1, 10);
        ClientConnection desktop = connection("s2", 1, 11);
        registry.register(phone);
        registry.register(desktop);
        registry.register(connection("s3", 2, 20));

        assertEquals(Set.of(phone, desktop), new HashSet<>(registry.connectionsOf(1)));
        assertEquals(3, registry.count());
    }

    private static ClientConnection connection(String sessionId, long userId, long deviceId) {
        Caller caller = new Caller(userId, "u" + userId, deviceId, "d" + deviceId, false);
        return TestConnections.withoutDialect(FakeSession.completingInline(sessionId).session(), caller);
    }
}
