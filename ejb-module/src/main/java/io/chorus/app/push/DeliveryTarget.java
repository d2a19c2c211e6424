package io.chorus.app.push;

/** This node's live sessions, as the web module offers them to the delivery path. */
public interface DeliveryTarget {
    void deliver(StoredMessage message);

    /** One-shot: devices that are offline see the revoke stub in the backlog or the history. */
    void revoked(RevokedMessage revoked);
}
