package io.chorus.app.friend;

import io.chorus.app.error.ErrorCode;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The friendship gate in front of one-to-one sends (SPEC §7): the recipient must have the sender in
 * its friend list and must not deny it.
 *
 * <p>Only the recipient's side counts, which is what makes a delete one-sided (ARCHITECTURE.md,
 * decisions): once the recipient deleted the sender, the sender is a stranger to it, while the
 * recipient may go on sending for as long as the sender keeps it. Not being a friend is decided
 * first, and the deny-list is not even asked then, so only friends can learn they are denied.
 *
 * <p>Whether the gate applies ({@code chorus.c2c.requireFriendship}) and what an unknown recipient
 * gets are the send's decisions ({@code MessageService}).
 */
final class FriendGate {
    private FriendGate() {
    }

    /**
     * Why the sender may not send to the recipient, or nothing if it may. {@code recipientDeniesSender}
     * is asked only when the recipient lists the sender.
     */
    static Optional<ErrorCode> refusal(boolean recipientListsSender, BooleanSupplier recipientDeniesSender) {
        if (!recipientListsSender) {
            return Optional.of(ErrorCode.NOT_A_FRIEND);
        }
        if (recipientDeniesSender.getAsBoolean()) {
            return Optional.of(ErrorCode.IN_DENYLIST);
        }
        return Optional.empty();
    }
}
