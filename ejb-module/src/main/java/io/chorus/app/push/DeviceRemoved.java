package io.chorus.app.push;

/** The user removed device {@code deviceId}: its tokens are gone, and so must its socket be. */
public record DeviceRemoved(long userId, long deviceId) implements ClusterEvent {
    @Override
    public void applyTo(DeliveryTarget target) {
        target.deviceRemoved(this);
    }
}
