package io.chorus.app.event;

/**
 * A device of {@code recipientUid} acknowledged the one-to-one messages {@code senderUid} sent it up
 * to {@code seq} (one receipt for every copy of the conversation settled in one group commit of
 * acks): the sender's connected devices are told. Fire and forget, never stored: "read" (the
 * recipient's read cursor) is the lasting receipt.
 */
public record DeliveredUpTo(String recipientUid, long senderId, String senderUid, long seq, long serverTs)
        implements ClusterEvent {
    @Override
    public void applyTo(DeliveryTarget target) {
        target.delivered(this);
    }
}
