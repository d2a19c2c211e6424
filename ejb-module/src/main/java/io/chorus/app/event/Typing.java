package io.chorus.app.event;

import io.chorus.domain.message.ConversationKind;
import java.util.List;

/**
 * {@code fromUid} is typing in its conversation with {@code to} (a uid, or a gid): the connected
 * devices of {@code audience} (the peer, or the group's other members) are told, once. Never
 * stored, never resent; it expires on the clients by itself.
 */
public record Typing(String fromUid, ConversationKind kind, String to, long serverTs, List<Long> audience)
        implements ClusterEvent {
    @Override
    public void applyTo(DeliveryTarget target) {
        target.typing(this);
    }
}
