package io.chorus.app.presence;

import io.chorus.domain.presence.ConnectionRepository.ConnectedDevice;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How many devices of one user may be connected at once (SPEC §3, {@code chorus.device.policy}).
 * A second socket of the same device always replaces the first, under every policy.
 */
public enum DevicePolicy {
    /** Any number of devices; the others are told ({@code logged_another_device}). */
    MULTI,
    /** One device per terminal type (the client OS, {@code cos}): dialect B's rule. */
    ONE_PER_TERMINAL_TYPE,
    /** One device at all. */
    SINGLE;

    /** The already connected devices that the newcomer pushes out. */
    List<Long> kicked(long newcomerId, String newcomerCos, List<ConnectedDevice> connected) {
        return connected.stream()
                .filter(other -> other.deviceId() != newcomerId)
                .filter(other -> switch (this) {
                    case MULTI -> false;
                    case ONE_PER_TERMINAL_TYPE -> Objects.equals(terminalType(other.cos()), terminalType(newcomerCos));
                    case SINGLE -> true;
                })
                .map(ConnectedDevice::deviceId)
                .toList();
    }

    private static String terminalType(String cos) {
        return cos == null ? "" : cos.strip().toLowerCase(Locale.ROOT);
    }
}
