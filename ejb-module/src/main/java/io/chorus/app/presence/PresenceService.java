package io.chorus.app.presence;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.event.DeviceSignedIn;
import io.chorus.app.event.EventPublisher;
import io.chorus.app.event.PresenceChanged;
import io.chorus.app.identity.PublicIds;
import io.chorus.domain.account.AccountRepository;
import io.chorus.domain.account.Device;
import io.chorus.domain.account.UserAccount;
import io.chorus.domain.cluster.NodeLeaseRepository.NodeFigures;
import io.chorus.domain.cluster.NodeLeaseRepository.PushFigures;
import io.chorus.domain.cluster.NodeLeaseRepository;
import io.chorus.domain.friend.FriendRepository;
import io.chorus.domain.presence.ConnectionRepository.ConnectedDevice;
import io.chorus.domain.presence.ConnectionRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Presence and the device policy (SPEC §3, §7). Every socket of every node is a row of
 * {@code device_connection}; a user is online while one exists. Each change holds the user's row
 * lock, so the "first device came" and "last device left" decisions are made once, whichever nodes
 * the devices are on, and the notices leave through the cluster events once that transaction committed.
 */
@Stateless
public class PresenceService {
    public static final String ONLINE = UserAccount.PRESENCE_ONLINE;
    public static final String OFFLINE = "offline";
    public static final String HIDE = UserAccount.PRESENCE_HIDE;

    @Inject
    AccountRepository accounts;

    @Inject
    ConnectionRepository connections;

    @Inject
    NodeLeaseRepository leases;

    @Inject
    FriendRepository friendships;

    @Inject
    EventPublisher events;

    @Inject
    PublicIds ids;

    @Inject
    @ConfigProperty(name = "chorus.device.policy")
    DevicePolicy policy;

    @Inject
    @ConfigProperty(name = "chorus.node.id")
    String nodeId;

    /**
     * Socket {@code connectionId} of the caller's device is live on this node. Friends hear
     * {@code online} if it is the user's first device (and the user is not hiding); the user's other
     * connected devices are told, kicked or replaced according to the policy.
     */
    public void connected(Caller caller, String connectionId) {
        UserAccount user = lockedUser(caller.userId());
        List<ConnectedDevice> before = connections.connectedDevicesOf(user.getId());
        long now = System.currentTimeMillis();
        connections.connected(connectionId, caller.deviceId(), user.getId(), nodeId, now);
        if (before.isEmpty()) {
            if (!user.isHidden()) {
                tellFriends(user, ONLINE, now);
            }
            return;
        }
        Device device = accounts.findDevice(caller.deviceId()).orElseThrow(() -> new ChorusException(ErrorCode.TOKEN_INVALID));
        events.publish(new DeviceSignedIn(user.getId(), caller.uid(), caller.deviceId(), caller.did(), device.getDname(),
                nodeId, connectionId, now, policy.kicked(caller.deviceId(), device.getCos(), before)));
    }

    /** The socket closed; friends hear {@code offline} when it was the user's last device anywhere. */
    public void disconnected(Caller caller, String connectionId) {
        UserAccount user = lockedUser(caller.userId());
        if (connections.disconnected(connectionId)) {
            wentAway(user);
        }
    }

    /**
     * {@code PUT /api/me/presence}: {@code hide} looks offline to friends (who are told {@code hide}
     * if the user was visible and connected), {@code online} becomes visible again.
     */
    public void choose(Caller caller, String state) {
        if (!ONLINE.equals(state) && !HIDE.equals(state)) {
            throw ChorusException.invalid("state must be online or hide");
        }
        UserAccount user = lockedUser(caller.userId());
        if (state.equals(user.getPresence())) {
            return;
        }
        user.choosePresence(state);
        if (connections.connections(user.getId()) > 0) {
            tellFriends(user, state, System.currentTimeMillis());
        }
    }

    /** What a friend may see of the user right now. */
    public String presenceOf(Caller caller) {
        UserAccount user = accounts.findUser(caller.userId()).orElseThrow(() -> new ChorusException(ErrorCode.TOKEN_INVALID));
        return user.getPresence();
    }

    /**
     * After node {@code node} restarted or was taken for dead: its sockets recorded before
     * {@code connectedBefore} are gone, and users left with none are offline.
     */
    public void forgetNode(long userId, String node, long connectedBefore) {
        UserAccount user = lockedUser(userId);
        if (connections.forgetNode(userId, node, connectedBefore) > 0) {
            wentAway(user);
        }
    }

    /** Renews the lease of node {@code node} (see {@link NodeConnections}), with its figures and its push figures. */
    public boolean renewLease(String node, NodeFigures figures, List<PushFigures> push) {
        boolean renewed = leases.renewLease(node, System.currentTimeMillis(), figures);
        leases.recordPushFigures(node, push);
        return renewed;
    }

    /** Takes the expired lease of a dead node; true for the one survivor that took it. */
    public boolean takeExpiredLease(String node, long cutoff) {
        return leases.takeExpiredLease(node, cutoff);
    }

    /** Call in the transaction holding the user's row lock, after one of its sockets or devices went away. */
    public void wentAway(UserAccount user) {
        if (!user.isHidden() && connections.connections(user.getId()) == 0) {
            tellFriends(user, OFFLINE, System.currentTimeMillis());
        }
    }

    /** The user with its row locked for this transaction: presence decisions for a user happen one at a time. */
    public UserAccount lockedUser(long userId) {
        return accounts.lockUser(userId).orElseThrow(() -> new ChorusException(ErrorCode.TOKEN_INVALID));
    }

    private void tellFriends(UserAccount user, String state, long now) {
        List<Long> audience = friendships.friendOf(user.getId());
        if (!audience.isEmpty()) {
            events.publish(new PresenceChanged(ids.encode(user.getId()), state, now, audience));
        }
    }
}
