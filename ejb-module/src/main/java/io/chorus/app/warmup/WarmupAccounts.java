package io.chorus.app.warmup;

import io.chorus.app.account.TokenService;
import io.chorus.app.account.TokenSubject;
import io.chorus.app.account.TokenType;
import io.chorus.app.identity.PublicIds;
import io.chorus.app.schema.UnboundedReads;
import io.chorus.domain.account.AccountRepository;
import io.chorus.domain.account.Device;
import io.chorus.domain.account.UserAccount;
import io.chorus.domain.friend.FriendRepository;
import io.chorus.domain.friend.FriendSettings;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

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

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource database;

    /**
     * The tables every deleted message's cascades scan whole (no index leads with message_id: one on
     * the delivery table would cost every send). The warm-up leaves them physically large and all dead
     * (each round's copies are settled, that is deleted, as they are acknowledged), so they are
     * vacuumed, which truncates their empty ends, before its messages are deleted.
     */
    private static final String VACUUM_SCANNED_BY_CASCADES = "VACUUM delivery, pending_revoke";
    /**
     * The tables a warm-up writes to. Its rounds write and delete ~100,000 messages and as many delivery
     * rows, which leaves the tables large and mostly dead until autovacuum gets to them under the first
     * users' load. Vacuumed before the node takes users, no user waits on the locks that truncate their
     * empty ends, and the planner statistics describe the tables as they are.
     */
    private static final String VACUUM_WRITTEN = "VACUUM (ANALYZE) app_user, device, friendship, roster_change, conversation, "
            + "conversation_read, message, delivery, device_connection";
    /**
     * A vacuum reads what the visibility map does not know as clean, the warm-up's pages, but a large
     * table may take longer than the pool's read timeout: the vacuums run without it, bounded here on
     * the server's side instead, so a vacuum the node gives up on does not run on.
     */
    private static final int VACUUM_TIMEOUT_MS = 60_000;
    /** Messages deleted per statement (and transaction) when the warm-up's accounts go. */
    private static final int REMOVE_BATCH = 5_000;

    /** One warm-up device: its user's public id, its peer's, and an access token for the socket. */
    public record WarmupDevice(String uid, String peerUid, String token) {
    }

    /** The account prefix of this node's warm-up: two nodes warming at once never touch each other's (private: an EJB's public methods must not be static). */
    private static String prefix(String nodeId) {
        String node = nodeId.length() > 40 ? nodeId.substring(0, 40) : nodeId;
        return PREFIX + node + ".";
    }

    /**
     * Makes {@code pairs} pairs of friends; device {@code 2k} and {@code 2k+1} are each other's peer.
     * What an earlier warm-up of this node left (a crash in the middle of one) is removed first, by
     * the same steps as at the end of a warm-up ({@link #removeMessages}, {@link #remove}).
     */
    public List<WarmupDevice> create(String nodeId, int pairs) {
        String prefix = prefix(nodeId);
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

    /**
     * Deletes at most a batch of the messages this node's warm-up accounts sent; how many. Called until
     * it answers 0, each call its own transaction, before {@link #remove}.
     */
    public int removeMessages(String nodeId) {
        return accounts.removeMessagesByAccountPrefix(prefix(nodeId), REMOVE_BATCH);
    }

    /** Deletes this node's warm-up accounts and, by the schema's cascades, all they wrote; how many. */
    public int remove(String nodeId) {
        return accounts.removeByAccountPrefix(prefix(nodeId));
    }

    /**
     * Before the warm-up's messages are deleted: vacuums the tables each deleted message's cascades
     * scan (PostgreSQL only); whether it ran.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean vacuumScannedByCascades() {
        return vacuum(VACUUM_SCANNED_BY_CASCADES);
    }

    /**
     * Vacuums the tables the warm-up wrote, and refreshes their planner statistics, once its accounts
     * are gone (PostgreSQL only); whether it ran.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean vacuumWritten() {
        return vacuum(VACUUM_WRITTEN);
    }

    /**
     * Once users have been served for a few seconds: the delivery table's planner statistics again
     * (PostgreSQL only); whether it ran. The warm-up leaves that table empty and vacuumed, so the
     * planner takes it for empty, and the plans the node's connections prepare in the first seconds
     * scan it whole; under a load that keeps thousands of copies in flight those scans cost
     * PostgreSQL a third of a core until autovacuum analyzed it a minute later, and the node fell
     * behind (docs/PERFORMANCE.md step 11). An ANALYZE also makes the connections plan again.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public boolean analyzeDeliveries() {
        return vacuum("ANALYZE delivery");
    }

    /**
     * Runs a VACUUM (or ANALYZE) outside a transaction, as it must be, without the pool's read and
     * statement timeouts and bounded by {@link #VACUUM_TIMEOUT_MS} instead (the connection's close
     * restores the pool's); false where the database is not PostgreSQL (the embedded H2).
     */
    private boolean vacuum(String command) {
        try (Connection connection = UnboundedReads.unbounded(database.getConnection()); Statement statement = connection.createStatement()) {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                return false;
            }
            statement.execute("SET statement_timeout = " + VACUUM_TIMEOUT_MS);
            statement.execute(command);
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException(command + ": " + e.getMessage(), e);
        }
    }

    /** Verifies {@code token} {@code times} times: the check every authenticated request and socket makes. */
    public void verify(String token, int times) {
        for (int i = 0; i < times; i++) {
            tokens.verify(token, TokenType.ACCESS);
        }
    }
}
