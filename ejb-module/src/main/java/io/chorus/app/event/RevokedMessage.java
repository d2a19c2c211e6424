package io.chorus.app.event;

import io.chorus.domain.message.ConversationKind;
import java.util.List;

/**
 * A message its author revoked: every online device of {@code userIds} but the revoking one hears of
 * it. Each of those devices also has a pending revoke row until it has ({@code messageId} names it),
 * so a lost event costs latency only: the delivery sweep or the next connect sends it.
 */
public record RevokedMessage(long messageId, ConversationKind kind, String wireId, String from, String to, long serverTs,
                             long revokingDeviceId, List<Long> userIds) implements ClusterEvent {
    @Override
    public void applyTo(DeliveryTarget target) {
        target.revoked(this);
    }
}
