package io.chorus.app.friend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chorus.app.error.ErrorCode;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class FriendGateTest {
    private static final BooleanSupplier DENIED = () -> true;
    private static final BooleanSupplier NOT_DENIED = () -> false;
    private static final BooleanSupplier NEVER_ASKED = () -> {
        throw new AssertionError("the deny-list must not be asked about a stranger");
    };

    @Test
    void send_toFriendWhoDoesNotDenyTheSender_passes() {
        assertEquals(Optional.empty(), FriendGate.refusal(true, NOT_DENIED));
    }

    @Test
    void send_toStranger_isNotAFriend() {
        assertEquals(Optional.of(ErrorCode.NOT_A_FRIEND), FriendGate.refusal(false, NOT_DENIED));
    }

    @Test
    void send_toOneSidedDeletedFriend_isNotAFriend() {
        // The recipient deleted the sender: its list no longer holds the sender, whatever the sender's holds.
        boolean recipientListsSender = false;
        assertEquals(Optional.of(ErrorCode.NOT_A_FRIEND), FriendGate.refusal(recipientListsSender, NOT_DENIED));
    }

    @Test
    void send_afterDeletingTheRecipientOneSided_passesWhileTheRecipientKeepsTheSender() {
        // Only the recipient's list is asked: the sender's own delete does not stop the sender.
        boolean recipientListsSender = true;
        assertEquals(Optional.empty(), FriendGate.refusal(recipientListsSender, NOT_DENIED));
    }

    @Test
    void send_toFriendWhoDeniesTheSender_isInDenylist() {
        assertEquals(Optional.of(ErrorCode.IN_DENYLIST), FriendGate.refusal(true, DENIED));
    }

    @Test
    void send_toStrangerWhoAlsoDeniesTheSender_isNotAFriend_soOnlyFriendsLearnTheyAreDenied() {
        assertEquals(Optional.of(ErrorCode.NOT_A_FRIEND), FriendGate.refusal(false, DENIED));
    }

    @Test
    void send_toStranger_neverAsksTheDenylist() {
        assertEquals(Optional.of(ErrorCode.NOT_A_FRIEND), FriendGate.refusal(false, NEVER_ASKED));
    }
}
