package io.chorus.web.dialect.a;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chorus.app.event.StoredMessage;
import io.chorus.domain.message.ConversationKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-node cache of chat message frames: a frame is reused only for its own message and payload. */
class RecentFramesTest {
    private final RecentFrames frames = new RecentFrames(8);

    @Test
    void aMessageEncodedOnce_isFoundForItsNextCopy() {
        frames.put(message(41, "{\"text\":\"hi\"}"), "frame 41");

        // Another copy of the message: a separate object, read from another device's backlog.
        assertEquals("frame 41", frames.get(message(41, "{\"text\":\"hi\"}")));
    }

    @Test
    void aRevokedMessage_isNotServedWithItsOldContent() {
        frames.put(message(41, "{\"text\":\"oops\"}"), "frame with the content");

        assertNull(frames.get(message(41, "{\"msg_type\":\"custom\",\"custom_type\":\"peer_revoked\"}")));
    }

    @Test
    void aMessageSharingTheSlot_takesIt_andTheOtherIsEncodedAgain() {
        frames.put(message(41, "{}"), "frame 41");
        frames.put(message(49, "{}"), "frame 49");

        assertNull(frames.get(message(41, "{}")), "41 and 49 share a slot of 8");
        assertEquals("frame 49", frames.get(message(49, "{}")));
        assertNull(frames.get(message(42, "{}")), "never encoded");
    }

    @Test
    void theCapacity_isAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new RecentFrames(1000));
    }

    private static StoredMessage message(long messageId, String payload) {
        return new StoredMessage(messageId, ConversationKind.GROUP, 7, messageId, "w" + messageId, "u2", "g1", payload, 0, 0, 20, List.of());
    }
}
