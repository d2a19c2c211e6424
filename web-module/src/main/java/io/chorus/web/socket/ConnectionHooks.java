package io.chorus.web.socket;

/**
 * What the rest of the node does as a device's connection comes and goes, called by
 * {@link Connections} at fixed points of its life. The delivery engine is the one implementation, a
 * bean of its own package: the socket core carries connections and knows nothing of what is
 * delivered on them.
 */
public interface ConnectionHooks {
    /** Before the connection is registered: live events may find it from the moment it is. */
    void registering(ClientConnection connection);

    /** Registered and its presence recorded: the device gets what it missed. */
    void live(ClientConnection connection);

    /** The socket went away (also when it was replaced, and when it went before it was live). */
    void closed(ClientConnection connection);
}
