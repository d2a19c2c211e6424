package io.chorus.app.event;

/**
 * Something one node decided that every node's sessions may need to act on. Events travel as JSON
 * on the topic with their simple class name as the {@code kind} property; the permitted subtypes
 * are the whole vocabulary, so the listener knows every kind it can meet.
 */
public sealed interface ClusterEvent permits StoredMessage, RevokedMessage, PresenceChanged, DeviceSignedIn, DeviceSignedOut,
        SocketsClosed, ReadMoved, DeliveredUpTo, Typing {
    /** Hands the event to this node's sessions. */
    void applyTo(DeliveryTarget target);
}
