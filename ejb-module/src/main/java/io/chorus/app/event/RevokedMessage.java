package io.chorus.app.event;

import io.chorus.domain.message.ConversationKind;
import java.util.List;

/** A message its author revoked: every online device of {@code userIds} but the revoking one hears of it. */
public record RevokedMessage(ConversationKind kind, String wireId, String from, String to, long serverTs,
                             long revokingDeviceId, List<Long> userIds) implements ClusterEvent {
    @Override
    public void applyTo(DeliveryTarget target) {
        target.revoked(this);
    }
}
