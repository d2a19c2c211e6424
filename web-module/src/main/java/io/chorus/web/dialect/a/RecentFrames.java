package io.chorus.web.dialect.a;

import io.chorus.app.event.StoredMessage;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The frames of recently encoded chat messages. A chat message's frame is the same for every
 * device, and a group's message goes to hundreds of them, live and in backlog replays: in a
 * reconnect storm each member's replay read the same group messages, and parsing the stored payload
 * and encoding the frame again for every copy was a fifth of the node's CPU (docs/PERFORMANCE.md).
 *
 * <p>Direct-mapped on the message id, which is assigned in sequence, so recent messages seldom
 * share a slot; a newer message simply takes the slot. A frame is used only while the stored
 * payload is still the one it was made from: a revoke replaces the payload with a stub, on every
 * node at once, without telling this cache. Lock-free and thread-safe.
 */
final class RecentFrames {
    private final AtomicReferenceArray<Entry> slots;
    private final int mask;

    private record Entry(long messageId, String payloadJson, String frame) {
    }

    /** {@code capacity}: a power of two. */
    RecentFrames(int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        slots = new AtomicReferenceArray<>(capacity);
        mask = capacity - 1;
    }

    /** The frame made for this message with its current payload, or null. */
    String get(StoredMessage message) {
        Entry entry = slots.get(slot(message.messageId()));
        return entry != null && entry.messageId() == message.messageId() && entry.payloadJson().equals(message.payloadJson())
                ? entry.frame() : null;
    }

    void put(StoredMessage message, String frame) {
        slots.set(slot(message.messageId()), new Entry(message.messageId(), message.payloadJson(), frame));
    }

    private int slot(long messageId) {
        return (int) (messageId & mask);
    }
}
