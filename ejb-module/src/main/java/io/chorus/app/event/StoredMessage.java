package io.chorus.app.event;

import io.chorus.domain.message.ConversationKind;
import java.util.List;

/**
 * A stored message or notice as it travels to devices: on the cluster topic (with the users whose
 * devices get it) and out of a device's backlog. {@code kind} is the conversation's ({@code C2C},
 * {@code S2C}); {@code from} and {@code to} are public ids.
 */
public record StoredMessage(long messageId, ConversationKind kind, long conversationId, long seq, String wireId,
                            String from, String to, String payloadJson, long createdAt, long serverTs,
                            long senderDeviceId, List<Long> userIds) implements ClusterEvent {
    @Override
    public void applyTo(DeliveryTarget target) {
        target.deliver(this);
    }

    /** Every field but the body, so that logging an event can never put a message's content in the log. */
    @Override
    public String toString() {
        return "StoredMessage[messageId=" + messageId + ", kind=" + kind + ", conversationId=" + conversationId + ", seq=" + seq
                + ", wireId=" + wireId + ", from=" + from + ", to=" + to + ", createdAt=" + createdAt + ", serverTs=" + serverTs
                + ", senderDeviceId=" + senderDeviceId + ", userIds=" + userIds + "]";
    }
}
