package io.chorus.app.event;

import java.util.List;

/**
 * The user {@code uid} now looks {@code state} ({@code online}, {@code offline}, {@code hide}) to
 * {@code audience}: the users who have it as a friend. Fire and forget: presence is not stored.
 */
public record PresenceChanged(String uid, String state, long serverTs, List<Long> audience) implements ClusterEvent {
    @Override
    public void applyTo(DeliveryTarget target) {
        target.presenceChanged(this);
    }
}
