package io.chorus.app.event;

import java.util.List;

/**
 * A device of user {@code userId} connected (socket {@code connectionId} on node {@code nodeId})
 * while others of the user were connected. A socket of the same device on another node is replaced
 * (on the same node the session registry already did that); devices in {@code kicked} are closed by
 * the device policy; every other connected device is told (SPEC §3).
 */
public record DeviceSignedIn(long userId, String uid, long deviceId, String did, String dname, String nodeId, String connectionId,
                             long serverTs, List<Long> kicked) implements ClusterEvent {
    @Override
    public void applyTo(DeliveryTarget target) {
        target.deviceSignedIn(this);
    }
}
