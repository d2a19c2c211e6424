package io.chorus.app.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterEventListenerTest {
    @Test
    void everyEventKind_isKnownByItsSimpleName() {
        assertEquals(Set.of("StoredMessage", "RevokedMessage", "PresenceChanged", "DeviceSignedIn", "DeviceSignedOut", "SocketsClosed",
                        "ReadMoved", "DeliveredUpTo", "Typing"),
                ClusterEventListener.KINDS.keySet());
        ClusterEventListener.KINDS.forEach((kind, type) -> assertEquals(kind, type.getSimpleName()));
    }
}
