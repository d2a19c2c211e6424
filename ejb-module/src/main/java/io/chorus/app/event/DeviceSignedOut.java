package io.chorus.app.event;

/**
 * Device {@code deviceId}'s tokens were revoked: it was removed, or it logged out. Its socket, on
 * whichever node holds it, goes with them, as for an invalid token.
 */
public record DeviceSignedOut(long userId, long deviceId) implements ClusterEvent {
    @Override
    public void applyTo(DeliveryTarget target) {
        target.deviceSignedOut(this);
    }
}
