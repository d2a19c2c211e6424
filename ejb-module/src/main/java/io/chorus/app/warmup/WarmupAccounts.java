package io.chorus.app.warmup;

import io.chorus.app.account.TokenService;
import io.chorus.app.account.TokenSubject;
import io.chorus.app.account.TokenType;
import io.chorus.app.identity.PublicIds;
import io.chorus.domain.account.AccountRepository;
import io.chorus.domain.account.Device;
import io.chorus.domain.account.UserAccount;
import io.chorus.domain.friend.FriendRepository;
import io.chorus.domain.friend.FriendSettings;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The accounts of the start-up warm-up (docs/PERFORMANCE.md "Cold start"): pairs of friends with one
 * device each, made straight in the database, and removed with everything they wrote.
 *
 * <p>Their names start with {@value #PREFIX}, which no user can register or log in with (an account
 * starts with a letter or digit, AccountRules), so nobody can befriend, message or search for them;
 * an administrator's user list shows them while the warm-up runs. No password hash: the value stored
 * is not one, so no password matches it.
 */
@Stateless
public class WarmupAccounts {
    public static final String PREFIX = "~warmup.";
    /** The warm-up devices' did: an ack names it. */
    public static final String DID_NAME = "warmup";

    @Inject
    AccountRepository accounts;

    @Inject
    FriendRepository friends;

    @Inject
    TokenService tokens;

    @Inject
    PublicIds ids;

    /** One warm-up device: its user's public id, its peer's, and an access token for the socket. */
    public record WarmupDevice(String uid, String peerUid, String token) {
    }

    /** The account prefix of this node's warm-up: two nodes warming at once never touch each other's (private: an EJB's public methods must not be static). */
    private static String prefix(String nodeId) {
        String node = nodeId.length() > 40 ? nodeId.substring(0, 40) : nodeId;
        return PREFIX + node + ".";
    }

    /**
     * Removes what an earlier warm-up of this node left (a crash in the middle of one), then makes
     * {@code pairs} pairs of friends; device {@code 2k} and {@code 2k+1} are each other's peer.
     */
    public List<WarmupDevice> create(String nodeId, int pairs) {
        String prefix = prefix(nodeId);
        accounts.removeByAccountPrefix(prefix);
        Instant now = Instant.now();
        List<UserAccount> users = new ArrayList<>();
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < 2 * pairs; i++) {
            UserAccount user = accounts.save(new UserAccount(prefix + i, "warm-up", "!warm-up: no password", now));
            Device device = accounts.save(new Device(user, DID_NAME, now));
            users.add(user);
            devices.add(device);
        }
        FriendSettings settings = new FriendSettings(null, null, false, false);
        for (int i = 0; i < users.size(); i += 2) {
            friends.befriend(users.get(i).getId(), users.get(i + 1).getId(), settings, now.toEpochMilli());
            friends.befriend(users.get(i + 1).getId(), users.get(i).getId(), settings, now.toEpochMilli());
        }
        List<WarmupDevice> result = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            Device device = devices.get(i);
            String uid = ids.encode(users.get(i).getId());
            TokenSubject subject = new TokenSubject(uid, device.getId(), device.getDid(), device.getTokenGeneration());
            result.add(new WarmupDevice(uid, ids.encode(users.get(i ^ 1).getId()), tokens.issue(TokenType.ACCESS, subject)));
        }
        return result;
    }

    /** Sockets of this node's warm-up accounts the node still counts as open (their presence rows). */
    public long openConnections(String nodeId) {
        return accounts.connectionsByAccountPrefix(prefix(nodeId));
    }

    /** Deletes this node's warm-up accounts and, by the schema's cascades, all they wrote; how many. */
    public int remove(String nodeId) {
        return accounts.removeByAccountPrefix(prefix(nodeId));
    }

    /** Verifies {@code token} {@code times} times: the check every authenticated request and socket makes. */
    public void verify(String token, int times) {
        for (int i = 0; i < times; i++) {
            tokens.verify(token, TokenType.ACCESS);
        }
    }
}
