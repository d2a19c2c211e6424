package io.chorus.domain.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.domain.RepositoryDatabase;
import io.chorus.domain.TestData;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(RepositoryDatabase.class)
class AccountRepositoryIT {
    private final AccountRepository accounts = new AccountRepository();
    private EntityManager em;
    private TestData data;

    @BeforeEach
    void setUp(EntityManager em) {
        this.em = em;
        this.accounts.em = em;
        this.data = new TestData(em);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 17})
    void existingUserIds_findsExactlyTheExistingOnes_whateverThePadding(int keys) {
        List<Long> asked = new ArrayList<>();
        Set<Long> expected = new HashSet<>();
        for (int i = 0; i < keys; i++) {
            long id = data.user().getId();
            // Every third key names nobody: a deleted user's id is a real, unused one.
            if (i % 3 == 2) {
                em.remove(em.find(UserAccount.class, id));
                em.flush();
            } else {
                expected.add(id);
            }
            asked.add(id);
        }
        long notAsked = data.user().getId(); // exists, must not come back through the padding

        Set<Long> existing = accounts.existingUserIds(asked);

        assertEquals(expected, existing);
        assertTrue(!existing.contains(notAsked));
    }

    @Test
    void existingUserIds_splitsMoreThanOneStatementOfKeys() {
        long first = data.user().getId();
        long last = data.user().getId();
        List<Long> asked = new ArrayList<>();
        asked.add(first);
        LongStream.range(1, 600).forEach(i -> asked.add(-i)); // 601 keys: two statements
        asked.add(last);

        assertEquals(Set.of(first, last), accounts.existingUserIds(asked));
    }

    @Test
    void existingUserIds_withRepeatedKeys_returnsEachOnce() {
        long id = data.user().getId();

        assertEquals(Set.of(id), accounts.existingUserIds(List.of(id, id, id)));
    }

    @Test
    void findDeviceWithUser_fetchesTheUserInTheSameQuery() {
        UserAccount user = data.user();
        Device device = data.device(user);
        em.clear();

        Device found = accounts.findDeviceWithUser(device.getId()).orElseThrow();

        assertTrue(org.hibernate.Hibernate.isInitialized(found.getUser()));
        assertEquals(user.getAccount(), found.getUser().getAccount());
        assertTrue(accounts.findDeviceWithUser(-1).isEmpty());
    }

    @Test
    void findDevice_byUserAndDid_findsOnlyThatUsersDevice() {
        UserAccount alice = data.user();
        UserAccount bob = data.user();
        Device device = data.device(alice);

        assertEquals(device.getId(), accounts.findDevice(alice.getId(), device.getDid()).orElseThrow().getId());
        assertTrue(accounts.findDevice(bob.getId(), device.getDid()).isEmpty());
    }

    @Test
    void devices_oldestFirst() {
        UserAccount user = data.user();
        Device first = data.device(user);
        Device second = data.device(user);

        assertEquals(List.of(first.getId(), second.getId()), accounts.devices(user.getId()).stream().map(Device::getId).toList());
    }

    @Test
    void searchByAccount_takesWildcardsLiterally_andSkipsDisabledUsers() {
        String prefix = TestData.unique("s");
        UserAccount plain = data.user(prefix + "_x");
        data.user(prefix + "ax"); // '_' is no wildcard: must not match "<prefix>_"
        data.user(prefix + "%y");
        UserAccount disabled = data.user(prefix + "_z");
        disabled.setEnabled(false);
        em.flush();

        assertEquals(List.of(plain.getAccount()),
                accounts.searchByAccount(prefix + "_", 20).stream().map(UserAccount::getAccount).toList());
        assertEquals(List.of(prefix + "%y"),
                accounts.searchByAccount(prefix + "%", 20).stream().map(UserAccount::getAccount).toList());
    }

    @Test
    void searchByAccount_byAccount_upToTheLimit() {
        String prefix = TestData.unique("s");
        data.user(prefix + "c");
        data.user(prefix + "a");
        data.user(prefix + "b");

        assertEquals(List.of(prefix + "a", prefix + "b"),
                accounts.searchByAccount(prefix, 2).stream().map(UserAccount::getAccount).toList());
    }

    @Test
    void searchAll_includesDisabledUsers_andEmptyPrefixGivesTheNewest() {
        String prefix = TestData.unique("s");
        UserAccount older = data.user(prefix + "b");
        UserAccount newer = data.user(prefix + "a");
        newer.setEnabled(false);
        em.flush();

        assertEquals(List.of(newer.getId(), older.getId()),
                accounts.searchAll(prefix, 10).stream().map(UserAccount::getId).toList());
        assertEquals(List.of(newer.getId()), accounts.searchAll("", 1).stream().map(UserAccount::getId).toList());
    }

    @Test
    void enabledUserIds_leavesDisabledUsersOut() {
        UserAccount enabled = data.user();
        UserAccount disabled = data.user();
        disabled.setEnabled(false);
        em.flush();

        List<Long> ids = accounts.enabledUserIds();

        assertTrue(ids.contains(enabled.getId()));
        assertTrue(!ids.contains(disabled.getId()));
    }

    @Test
    void remove_cascadesToTheDevicesConnectionRow() {
        UserAccount user = data.user();
        Device device = data.device(user);
        data.connect(device, "n");

        accounts.remove(device);
        accounts.flush();

        assertEquals(0, data.number("SELECT count(*) FROM device_connection WHERE device_id = ?1", device.getId()));
    }

    @Test
    void removeMessagesByAccountPrefix_takesOnlyThePrefixedSendersMessages_aBatchAtATime() {
        // An underscore in the prefix: a LIKE that did not escape it would take the other user's too.
        String tag = TestData.unique("");
        String prefix = "~w_" + tag + ".";
        UserAccount warm0 = data.user(prefix + "0");
        UserAccount warm1 = data.user(prefix + "1");
        UserAccount other = data.user("~wX" + tag + ".0");
        long warmPair = conversation(warm0, warm1);
        long mixed = conversation(warm0, other);
        message(warmPair, warm0, 1);
        message(warmPair, warm1, 2);
        message(mixed, warm0, 1);
        message(mixed, other, 2);
        message(mixed, other, 3);

        assertEquals(2, accounts.removeMessagesByAccountPrefix(prefix, 2));
        assertEquals(1, accounts.removeMessagesByAccountPrefix(prefix, 2));
        assertEquals(0, accounts.removeMessagesByAccountPrefix(prefix, 2));

        assertEquals(0, data.number("SELECT count(*) FROM message WHERE sender_id IN (?1, ?2)", warm0.getId(), warm1.getId()));
        assertEquals(2, data.number("SELECT count(*) FROM message WHERE sender_id = ?1", other.getId()));
    }

    private long conversation(UserAccount a, UserAccount b) {
        long id = data.number("SELECT nextval('conversation_seq')");
        em.createNativeQuery("INSERT INTO conversation (id, kind, user_lo, user_hi, last_seq) VALUES (?1, 'C2C', ?2, ?3, 0)")
                .setParameter(1, id).setParameter(2, Math.min(a.getId(), b.getId())).setParameter(3, Math.max(a.getId(), b.getId()))
                .executeUpdate();
        return id;
    }

    private void message(long conversationId, UserAccount sender, long seq) {
        em.createNativeQuery("INSERT INTO message (id, conversation_id, seq, sender_id, wire_id, payload, created_at, server_ts) "
                        + "VALUES (nextval('message_seq'), ?1, ?2, ?3, ?4, '{}', 1, 1)")
                .setParameter(1, conversationId).setParameter(2, seq).setParameter(3, sender.getId())
                .setParameter(4, TestData.unique("w")).executeUpdate();
    }
}
