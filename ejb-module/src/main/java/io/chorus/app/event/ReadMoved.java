package io.chorus.app.event;

import io.chorus.domain.message.ConversationKind;
import java.util.List;

/**
 * User {@code readerUid} read its conversation with {@code to} (the peer's uid, or the group's gid)
 * up to {@code seq}: its cursor moved forward. Its other devices (all of {@code readerId}'s but
 * {@code readerDeviceId}, which did the reading) are told with its {@code unread} count now, so
 * theirs follows; {@code receiptTo} (the one-to-one peer, when the reader shares its reads; else
 * empty) gets it as a read receipt. Fire and forget: the cursor itself is the lasting truth, read
 * back by the recent list, the JIM recent contacts and the read counts.
 */
public record ReadMoved(long readerId, String readerUid, long readerDeviceId, ConversationKind kind, String to, long seq,
                        long unread, long serverTs, List<Long> receiptTo) implements ClusterEvent {
    @Override
    public void applyTo(DeliveryTarget target) {
        target.readMoved(this);
    }
}
