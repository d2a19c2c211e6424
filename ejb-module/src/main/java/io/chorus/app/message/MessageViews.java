package io.chorus.app.message;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.domain.message.ConversationKind;

/** What the messaging use cases take and return. */
public final class MessageViews {
    private MessageViews() {
    }

    /**
     * A send as a client made it: its own id, the public id of the peer ({@code C2C}) or the group
     * ({@code C2G}), the payload as JSON text (already validated by the dialect's codec) and the
     * client's clock.
     */
    public record ChatSend(String wireId, String to, String payloadJson, long createdAt) {
        /** Every field but the body: a message's content must never reach a log line. */
        @Override
        public String toString() {
            return "ChatSend[wireId=" + wireId + ", to=" + to + ", createdAt=" + createdAt + "]";
        }
    }

    /**
     * The answer to a send, the same for the first try and every retry of the same id;
     * {@code messageId} is the stored message's internal id (dialect B's MID).
     */
    public record SendReceipt(String wireId, long serverTs, long seq, long messageId) {
    }

    /** One one-to-one send of a batch ({@link DirectSends}): who sends, and what. */
    public record DirectSend(Caller sender, ChatSend send) {
    }

    /** What became of one send of a batch: its receipt, or the refusal it would have got alone. */
    public record SendOutcome(SendReceipt receipt, ChorusException refusal) {
        static SendOutcome stored(SendReceipt receipt) {
            return new SendOutcome(receipt, null);
        }

        static SendOutcome refused(ChorusException refusal) {
            return new SendOutcome(null, refusal);
        }
    }

    /** One addressee of a multi-recipient send: {@code C2C} with a uid or {@code C2G} with a gid. */
    public record Recipient(ConversationKind type, String publicId) {
    }

    /** The answer to a revoke: the revoked message's id and when it was revoked. */
    public record RevokeReceipt(String wireId, long serverTs) {
    }

    /** The answer to an edit: the edited message's id, its seq and when it was edited. */
    public record EditReceipt(String wireId, long seq, long editedAt) {
    }
}
