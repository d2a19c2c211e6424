package io.chorus.app.message;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;

/**
 * SPEC §4: the author may take a message back until {@code seconds} after it was stored, the edge
 * included; later it is {@code revoke_too_late}. A revoked message stays revoked, and revoking it
 * again answers the same as the first time, even past the window, without telling anyone again.
 */
record RevokeWindow(long seconds) {
    /**
     * Whether the message is to be revoked now: false if it was already. Throws
     * {@code revoke_too_late} for a message stored more than {@code seconds} before {@code now}.
     */
    boolean revokeNow(boolean alreadyRevoked, long storedAt, long now) {
        if (alreadyRevoked) {
            return false;
        }
        if (now - storedAt > seconds * 1000) {
            throw new ChorusException(ErrorCode.REVOKE_TOO_LATE);
        }
        return true;
    }
}
