package io.chorus.web.socket;

import jakarta.websocket.CloseReason;

/** The close codes Chorus uses on {@code /ws} and {@code /jim}, in one place so the docs and tests can name them. */
public final class CloseCodes {
    /** {@code /jim}: bytes that are not JIM framing, or a packet over the size limit. */
    public static final int PROTOCOL_ERROR = 1002;
    /** {@code /jim}: a text frame; JIM packets travel in binary frames. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** The server could not serve the connection (e.g. could not check the token); retry later. */
    public static final int INTERNAL_ERROR = 1011;
    /**
     * The node was taken for dead by the others (paused or cut off longer than its lease) and closes
     * its sockets: reconnect, to any node (the standard "service restart" code).
     */
    public static final int NODE_RESTARTING = 1012;
    /** A newer connection for the same device took over (SPEC §3). */
    public static final int REPLACED = 4001;
    /** The device policy let another device of the user take over (after {@code logged_another_device}). */
    public static final int KICKED = 4002;
    /**
     * {@code /jim}: {@code Cmd_Auth} failed (after its Response), did not come first, or did not come
     * within the deadline.
     */
    public static final int AUTH_FAILED = 4003;
    /** {@code /jim}: the client signed out ({@code Cmd_SignOut}). */
    public static final int SIGNED_OUT = 4004;
    /** The access token expired: refresh it and reconnect (after error frame 705). */
    public static final int TOKEN_EXPIRED = 4005;
    /** An administrator kicked the device (admin console); it may reconnect. */
    public static final int KICKED_BY_ADMIN = 4007;
    /** Missing or invalid token, or a device that is not the token's: log in again (after error frame 706). */
    public static final int TOKEN_INVALID = 4006;

    private CloseCodes() {
    }

    public static CloseReason reason(int code, String phrase) {
        return new CloseReason(CloseReason.CloseCodes.getCloseCode(code), phrase);
    }

    static CloseReason slowConsumer() {
        return new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "slow consumer");
    }
}
