package io.chorus.app.presence;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.error.InputRules;
import io.chorus.app.event.DeviceSignedOut;
import io.chorus.app.event.EventPublisher;
import io.chorus.domain.account.AccountRepository;
import io.chorus.domain.account.Device;
import io.chorus.domain.account.UserAccount;
import io.chorus.domain.presence.ConnectionRepository;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The caller's own devices: list, rename, remove (SPEC §12 {@code /api/me/devices}). */
@Stateless
public class DeviceService {
    @Inject
    AccountRepository accounts;

    @Inject
    ConnectionRepository connections;

    @Inject
    EventPublisher events;

    @EJB
    PresenceService presence;

    /** A device as its owner sees it; {@code current} marks the one making the request. */
    public record DeviceView(String did, String cos, String dname, String vsn, boolean online, boolean current,
                             long created_at, long last_login_at) {
    }

    /** {@code PATCH /api/me/devices/{did}}. */
    public record DevicePatch(String dname) {
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<DeviceView> list(Caller caller) {
        return listOf(caller.userId(), caller.deviceId());
    }

    /** A user's devices, {@code currentDeviceId} marked current (-1: none, the admin console's view). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<DeviceView> listOf(long userId, long currentDeviceId) {
        Set<Long> online = new HashSet<>(connections.connectedDeviceIds(userId));
        return accounts.devices(userId).stream()
                .map(d -> new DeviceView(d.getDid(), d.getCos(), d.getDname(), d.getVsn(), online.contains(d.getId()),
                        d.getId() == currentDeviceId, d.getCreatedAt().toEpochMilli(), d.getLastLoginAt().toEpochMilli()))
                .toList();
    }

    public void rename(Caller caller, String did, DevicePatch patch) {
        InputRules.required("body", patch);
        String dname = InputRules.printable("dname", InputRules.required("dname", patch.dname()), 128);
        own(caller, did).rename(dname);
    }

    /**
     * Removes the device: its tokens stop working at once (they name a device that no longer
     * exists), its backlog goes with it, and its socket, on whichever node, is closed.
     */
    public void remove(Caller caller, String did) {
        UserAccount user = presence.lockedUser(caller.userId());
        Device device = own(caller, did);
        accounts.remove(device);
        accounts.flush();
        events.publish(new DeviceSignedOut(user.getId(), device.getId()));
        presence.wentAway(user);
    }

    private Device own(Caller caller, String did) {
        return accounts.findDevice(caller.userId(), did == null ? "" : did)
                .orElseThrow(() -> new ChorusException(ErrorCode.NOT_FOUND, "No such device."));
    }
}
