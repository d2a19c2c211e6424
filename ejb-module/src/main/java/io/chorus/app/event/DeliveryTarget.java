package io.chorus.app.event;

/** This node's live sessions, as the web module offers them to the cluster events. */
public interface DeliveryTarget {
    void deliver(StoredMessage message);

    /** One-shot: devices that are offline see the revoke stub in the backlog or the history. */
    void revoked(RevokedMessage revoked);

    /** One-shot presence notices to the audience's connected devices. */
    void presenceChanged(PresenceChanged presence);

    /** Replace, kick or notify the user's other connections. */
    void deviceSignedIn(DeviceSignedIn signedIn);

    /** Close the connection of a device that was removed or logged out. */
    void deviceSignedOut(DeviceSignedOut signedOut);

    /** Close a user's sockets, or one device's, as an administrator asked. */
    void socketsClosed(SocketsClosed closed);

    /** One-shot: a user's read cursor moved; its other devices follow, the peer gets a read receipt. */
    void readMoved(ReadMoved read);

    /** One-shot: a peer's device has the sender's messages up to a seq. */
    void delivered(DeliveredUpTo delivered);

    /** One-shot: someone is typing, to the audience's connected devices. */
    void typing(Typing typing);
}
