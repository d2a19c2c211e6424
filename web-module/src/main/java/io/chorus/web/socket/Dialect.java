package io.chorus.web.socket;

import io.chorus.app.event.DeliveredUpTo;
import io.chorus.app.event.DeviceSignedIn;
import io.chorus.app.event.PresenceChanged;
import io.chorus.app.event.ReadMoved;
import io.chorus.app.event.RevokedMessage;
import io.chorus.app.event.StoredMessage;
import io.chorus.app.event.Typing;
import io.chorus.app.json.Jsonp;
import jakarta.json.JsonObject;

/**
 * What differs between the two dialects once a device is connected: how its stored messages and the
 * cluster's other events are put on its socket. The feed, the registry and the events are shared;
 * each connection speaks through its own dialect ({@code /ws}: {@code JsonDialect}, {@code /jim}:
 * {@code JimDialect}).
 */
public interface Dialect {

    /**
     * Writes a stored message or notice to the device. Returns the frame to resend until the device
     * acknowledges it, or null when no acknowledgement is awaited (the write itself settles it).
     * {@code onWritten} runs once a returned frame is written: a device's resend clock starts then.
     */
    String deliver(ClientConnection connection, StoredMessage message, Runnable onWritten);

    void revoked(ClientConnection connection, RevokedMessage revoked);

    /** A friend of the connection's user changed presence. */
    void presence(ClientConnection connection, PresenceChanged presence);

    /** Another device of the user connected; {@code kicked}: the device policy pushes this one out. */
    void anotherDevice(ClientConnection connection, DeviceSignedIn signedIn, boolean kicked);

    /** A newer socket of the same device took over. */
    void replaced(ClientConnection connection);

    /** A stored payload (JSON text, valid since it was stored) as the object the encoders take. */
    static JsonObject payload(String json) {
        return Jsonp.readObject(json);
    }

    /** The device's tokens were revoked (removed, logged out) or its account disabled: it must log in again. */
    void tokensRevoked(ClientConnection connection);

    /**
     * A user's read cursor moved: {@code own}, this is another device of the reader (its unread count
     * follows); else the reader's one-to-one peer (a read receipt). One-shot; a dialect without a
     * form for it (JIM) says nothing: its clients read unread counts with their recent contacts.
     */
    default void readMoved(ClientConnection connection, ReadMoved read, boolean own) {
    }

    /** A peer's device has this user's one-to-one messages up to a seq. One-shot; nothing where the dialect has no form. */
    default void delivered(ClientConnection connection, DeliveredUpTo delivered) {
    }

    /** Someone is typing to this user or one of its groups. One-shot; nothing where the dialect has no form. */
    default void typing(ClientConnection connection, Typing typing) {
    }

    /** An administrator kicked the device: closed with 4007, it may connect again. */
    default void kicked(ClientConnection connection) {
        connection.close(CloseCodes.KICKED_BY_ADMIN, "kicked");
    }
}
