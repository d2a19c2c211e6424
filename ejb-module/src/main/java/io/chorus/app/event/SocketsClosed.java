package io.chorus.app.event;

/**
 * An administrator closed a user's sockets: one device's ({@code deviceId}) or all of them (null).
 * {@code disabled}: the account was disabled, so the sockets go as for an invalid token (706, 4006)
 * and logins fail; otherwise it is a kick (4007), and the device may connect again.
 */
public record SocketsClosed(long userId, Long deviceId, boolean disabled) implements ClusterEvent {
    @Override
    public void applyTo(DeliveryTarget target) {
        target.socketsClosed(this);
    }
}
