package io.chorus.domain.friend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.domain.RepositoryDatabase;
import io.chorus.domain.TestData;
import io.chorus.domain.account.UserAccount;
import io.chorus.domain.friend.FriendRepository.Edge;
import io.chorus.domain.friend.FriendRepository.FriendRow;
import io.chorus.domain.friend.FriendRepository.RequestRow;
import io.chorus.domain.friend.FriendRequest.Status;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(RepositoryDatabase.class)
class FriendRepositoryIT {
    private static final FriendSettings SETTINGS = new FriendSettings("remark", "all", true, false);
    private static final long T0 = 1_700_000_000_000L;

    private final FriendRepository friends = new FriendRepository();
    private EntityManager em;
    private TestData data;

    @BeforeEach
    void setUp(EntityManager em) {
        this.em = em;
        friends.em = em;
        data = new TestData(em);
    }

    // --- requests ---------------------------------------------------------------------------

    @Test
    void openRequest_oncePerPair_whicheverTheDirection() {
        long alice = data.user().getId();
        long bob = data.user().getId();

        assertTrue(friends.openRequest(alice, bob, "hi", "search", SETTINGS, T0));
        assertFalse(friends.openRequest(alice, bob, "again", "search", SETTINGS, T0 + 1));
        assertFalse(friends.openRequest(bob, alice, "me too", "search", SETTINGS, T0 + 2));

        FriendRequest open = friends.findOpen(bob, alice).orElseThrow();
        assertEquals(alice, open.getFromUserId());
        assertEquals(bob, open.getToUserId());
        assertEquals(Status.PENDING, open.getStatus());
        assertEquals("hi", open.getMsg());
        assertEquals("search", open.getSource());
        assertEquals("remark", open.getRemark());
        assertEquals("all", open.getRole());
        assertTrue(open.isDonotlookhim());
        assertFalse(open.isDonotlethimlook());
        assertEquals(T0, open.getCreatedAt());
        assertEquals(1, data.number("SELECT count(*) FROM friend_request WHERE from_user_id IN (?1, ?2)", alice, bob));
    }

    @Test
    void openRequest_ignoredStillHoldsThePair_closedFreesIt() {
        long alice = data.user().getId();
        long bob = data.user().getId();
        friends.openRequest(alice, bob, null, null, SETTINGS, T0);
        FriendRequest first = friends.lockRequest(friends.findOpen(alice, bob).orElseThrow().getId()).orElseThrow();

        first.ignore(T0 + 1);
        em.flush();
        assertFalse(friends.openRequest(alice, bob, null, null, SETTINGS, T0 + 2));

        first.close(Status.REJECTED, T0 + 3);
        em.flush();
        assertTrue(friends.openRequest(bob, alice, null, null, SETTINGS, T0 + 4));
        assertEquals(bob, friends.findOpen(alice, bob).orElseThrow().getFromUserId());
    }

    @Test
    void sentSince_countsFromTheBoundOn_whateverBecameOfTheRequests() {
        long alice = data.user().getId();
        long bob = data.user().getId();
        long carol = data.user().getId();
        long dave = data.user().getId();
        friends.openRequest(alice, bob, null, null, SETTINGS, T0 - 1);
        friends.openRequest(alice, carol, null, null, SETTINGS, T0);
        friends.openRequest(alice, dave, null, null, SETTINGS, T0 + 1);
        friends.findOpen(alice, dave).orElseThrow().close(Status.ACCEPTED, T0 + 2);
        friends.openRequest(bob, carol, null, null, SETTINGS, T0 + 1); // someone else's
        em.flush();

        assertEquals(2, friends.sentSince(alice, T0));
        assertEquals(3, friends.sentSince(alice, T0 - 1));
        assertEquals(0, friends.sentSince(alice, T0 + 2));
    }

    @Test
    void openSentAndOpenReceived_countPendingAndIgnored_notClosed() {
        long alice = data.user().getId();
        long bob = data.user().getId();
        long carol = data.user().getId();
        long dave = data.user().getId();
        friends.openRequest(alice, bob, null, null, SETTINGS, T0);    // pending
        friends.openRequest(alice, carol, null, null, SETTINGS, T0);  // ignored
        friends.openRequest(alice, dave, null, null, SETTINGS, T0);   // rejected
        friends.findOpen(alice, carol).orElseThrow().ignore(T0 + 1);
        friends.findOpen(alice, dave).orElseThrow().close(Status.REJECTED, T0 + 1);
        em.flush();

        assertEquals(2, friends.openSent(alice));
        assertEquals(0, friends.openReceived(alice));
        assertEquals(1, friends.openReceived(bob));
        assertEquals(1, friends.openReceived(carol));
        assertEquals(0, friends.openReceived(dave));
        assertEquals(0, friends.openSent(bob));
    }

    @Test
    void incoming_pendingOnly_withTheApplicantsProfile_newestFirst_upToTheLimit() {
        UserAccount target = data.user();
        UserAccount older = data.user();
        UserAccount newer = data.user();
        UserAccount ignored = data.user();
        UserAccount newest = data.user();
        friends.openRequest(older.getId(), target.getId(), "old", "qr", SETTINGS, T0);
        friends.openRequest(newer.getId(), target.getId(), "new", "search", SETTINGS, T0 + 1);
        friends.openRequest(ignored.getId(), target.getId(), "ign", "search", SETTINGS, T0 + 2);
        friends.findOpen(ignored.getId(), target.getId()).orElseThrow().ignore(T0 + 3);
        friends.openRequest(target.getId(), newest.getId(), "mine", "search", SETTINGS, T0 + 4); // sent, not received
        em.flush();

        List<RequestRow> rows = friends.incoming(target.getId(), 10);

        assertEquals(List.of(newer.getId(), older.getId()), rows.stream().map(RequestRow::fromUserId).toList());
        RequestRow first = rows.get(0);
        assertEquals(target.getId(), first.toUserId());
        assertEquals("new", first.msg());
        assertEquals("search", first.source());
        assertEquals(T0 + 1, first.createdAt());
        assertEquals(newer.getAccount(), first.otherAccount());
        assertEquals(newer.getNickname(), first.otherNickname());
        assertEquals(List.of(newer.getId()), friends.incoming(target.getId(), 1).stream().map(RequestRow::fromUserId).toList());
    }

    @Test
    void outgoing_pendingAndIgnored_withTheTargetsProfile() {
        UserAccount applicant = data.user();
        UserAccount pending = data.user();
        UserAccount ignoring = data.user();
        UserAccount rejecting = data.user();
        friends.openRequest(applicant.getId(), pending.getId(), null, null, SETTINGS, T0);
        friends.openRequest(applicant.getId(), ignoring.getId(), null, null, SETTINGS, T0 + 1);
        friends.openRequest(applicant.getId(), rejecting.getId(), null, null, SETTINGS, T0 + 2);
        friends.findOpen(applicant.getId(), ignoring.getId()).orElseThrow().ignore(T0 + 3);
        friends.findOpen(applicant.getId(), rejecting.getId()).orElseThrow().close(Status.REJECTED, T0 + 3);
        em.flush();

        List<RequestRow> rows = friends.outgoing(applicant.getId(), 10);

        assertEquals(List.of(ignoring.getId(), pending.getId()), rows.stream().map(RequestRow::toUserId).toList());
        assertEquals(List.of(ignoring.getAccount(), pending.getAccount()), rows.stream().map(RequestRow::otherAccount).toList());
    }

    // --- friendships ------------------------------------------------------------------------

    @Test
    void isFriend_isOneDirection() {
        long alice = data.user().getId();
        long bob = data.user().getId();
        friends.befriend(alice, bob, SETTINGS, T0);
        em.flush();

        assertTrue(friends.isFriend(alice, bob));
        assertFalse(friends.isFriend(bob, alice));
    }

    @Test
    void befriend_again_updatesTheSettings_unfriend_isOneSided() {
        long alice = data.user().getId();
        long bob = data.user().getId();
        friends.befriend(alice, bob, SETTINGS, T0);
        friends.befriend(bob, alice, SETTINGS, T0);
        em.flush();
        FriendSettings changed = new FriendSettings("bobby", "close", false, true);

        friends.befriend(alice, bob, changed, T0 + 5);
        em.flush();
        em.clear();

        Friendship row = friends.findFriendship(alice, bob).orElseThrow();
        assertEquals(changed, row.settings());
        assertTrue(friends.unfriend(alice, bob));
        assertFalse(friends.unfriend(alice, bob));
        assertFalse(friends.isFriend(alice, bob));
        assertTrue(friends.isFriend(bob, alice));
    }

    @Test
    void friends_byAccount_withSettings_andOnlineOnlyWhenConnectedAndNotHidden() {
        String prefix = TestData.unique("f");
        UserAccount owner = data.user();
        UserAccount connected = data.user(prefix + "a");
        UserAccount hidden = data.user(prefix + "b");
        UserAccount offline = data.user(prefix + "c");
        UserAccount stranger = data.user(prefix + "d");
        hidden.choosePresence(UserAccount.PRESENCE_HIDE);
        data.connect(data.device(connected), "node-a");
        data.connect(data.device(connected), "node-b"); // two sockets: still one row
        data.connect(data.device(hidden), "node-a");
        data.connect(data.device(stranger), "node-a");
        friends.befriend(owner.getId(), offline.getId(), SETTINGS, T0 + 2);
        friends.befriend(owner.getId(), hidden.getId(), SETTINGS, T0 + 1);
        friends.befriend(owner.getId(), connected.getId(), new FriendSettings(null, null, false, true), T0);
        em.flush();

        List<FriendRow> rows = friends.friends(owner.getId());

        assertEquals(List.of(
                new FriendRow(connected.getId(), connected.getAccount(), connected.getNickname(),
                        new FriendSettings(null, null, false, true), T0, true),
                new FriendRow(hidden.getId(), hidden.getAccount(), hidden.getNickname(), SETTINGS, T0 + 1, false),
                new FriendRow(offline.getId(), offline.getAccount(), offline.getNickname(), SETTINGS, T0 + 2, false)), rows);
    }

    @Test
    void friendOf_isWhoHasTheUser_notWhomTheUserHas() {
        long user = data.user().getId();
        long fan = data.user().getId();
        long otherFan = data.user().getId();
        long idol = data.user().getId();
        friends.befriend(fan, user, SETTINGS, T0);
        friends.befriend(otherFan, user, SETTINGS, T0);
        friends.befriend(user, idol, SETTINGS, T0);
        em.flush();

        assertEquals(List.of(fan, otherFan), friends.friendOf(user).stream().sorted().toList());
    }

    // --- deny-list --------------------------------------------------------------------------

    @Test
    void deny_once_undeny_once_isDenied_oneDirection() {
        long alice = data.user().getId();
        long bob = data.user().getId();

        assertTrue(friends.deny(alice, bob, T0));
        assertFalse(friends.deny(alice, bob, T0 + 1));
        assertTrue(friends.isDenied(alice, bob));
        assertFalse(friends.isDenied(bob, alice));

        assertTrue(friends.undeny(alice, bob));
        assertFalse(friends.undeny(alice, bob));
        assertFalse(friends.isDenied(alice, bob));
    }

    @Test
    void denylist_newestFirst_withProfiles() {
        UserAccount owner = data.user();
        UserAccount first = data.user();
        UserAccount second = data.user();
        friends.deny(owner.getId(), first.getId(), T0);
        friends.deny(owner.getId(), second.getId(), T0 + 1);
        friends.deny(second.getId(), owner.getId(), T0 + 2); // the other way round: not the owner's

        assertEquals(List.of(
                new FriendRepository.DeniedRow(second.getId(), second.getAccount(), second.getNickname(), T0 + 1),
                new FriendRepository.DeniedRow(first.getId(), first.getAccount(), first.getNickname(), T0)),
                friends.denylist(owner.getId()));
    }

    /**
     * The send batch's gate: per edge, friendship and denial. Padding repeats the last edge, and
     * edges are directed: a reversed edge, or a friendship nobody asked about, never comes back.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 17})
    void friendshipsWithDenial_answersExactlyTheAskedEdges(int edges) {
        long owner = data.user().getId();
        List<Edge> asked = new ArrayList<>();
        Map<Edge, Boolean> expected = new HashMap<>();
        for (int i = 0; i < edges; i++) {
            long other = data.user().getId();
            Edge edge = new Edge(owner, other);
            asked.add(edge);
            switch (i % 4) {
                case 0 -> { // a friend
                    friends.befriend(owner, other, SETTINGS, T0);
                    expected.put(edge, false);
                }
                case 1 -> { // a friend the owner also denies
                    friends.befriend(owner, other, SETTINGS, T0);
                    friends.deny(owner, other, T0);
                    expected.put(edge, true);
                }
                case 2 -> friends.befriend(other, owner, SETTINGS, T0); // only the reverse edge is a friendship
                default -> friends.deny(owner, other, T0);              // denied, no friendship
            }
        }
        long unasked = data.user().getId();
        friends.befriend(owner, unasked, SETTINGS, T0);
        em.flush();

        assertEquals(expected, friends.friendshipsWithDenial(asked));
    }

    @Test
    void friendshipsWithDenial_moreEdgesThanOneStatement() {
        long owner = data.user().getId();
        long first = data.user().getId();
        long last = data.user().getId();
        friends.befriend(owner, first, SETTINGS, T0);
        friends.befriend(owner, last, SETTINGS, T0);
        friends.deny(owner, last, T0);
        em.flush();
        List<Edge> asked = new ArrayList<>();
        asked.add(new Edge(owner, first));
        for (long i = 1; i < 600; i++) {
            asked.add(new Edge(owner, -i));
        }
        asked.add(new Edge(owner, last));

        assertEquals(Map.of(new Edge(owner, first), false, new Edge(owner, last), true), friends.friendshipsWithDenial(asked));
    }

    @Test
    void findOpen_noneBetweenStrangers() {
        long alice = data.user().getId();
        long bob = data.user().getId();

        assertTrue(friends.findOpen(alice, bob).isEmpty());
        assertTrue(friends.lockRequest(-1).isEmpty());
    }
    // --- change log (V11) ------------------------------------------------------------------

    @Test
    void changesSince_theOwnersOnly_afterTheStamp_oldestFirst_sameMillisecondInOrderWritten() {
        long alice = data.user().getId();
        long bob = data.user().getId();
        long carol = data.user().getId();
        friends.recordChange(alice, bob, RosterChange.ADDED, T0);
        friends.recordChange(alice, carol, RosterChange.ADDED, T0 + 5);
        friends.recordChange(alice, carol, RosterChange.UPDATED, T0 + 5);
        friends.recordChange(alice, bob, RosterChange.REMOVED, T0 + 9);
        friends.recordChange(bob, alice, RosterChange.ADDED, T0 + 5);

        assertEquals(List.of(new RosterChange(alice, carol, RosterChange.ADDED, T0 + 5),
                        new RosterChange(alice, carol, RosterChange.UPDATED, T0 + 5),
                        new RosterChange(alice, bob, RosterChange.REMOVED, T0 + 9)),
                friends.changesSince(alice, T0, 100));
        assertEquals(4, friends.changesSince(alice, 0, 100).size());
        assertEquals(List.of(), friends.changesSince(alice, T0 + 9, 100), "nothing after the newest stamp");
        assertEquals(List.of(), friends.changesSince(carol, 0, 100));
        assertEquals(2, friends.changesSince(alice, 0, 2).size());
    }

    @Test
    void purgeChangesBefore_dropsOnlyOlderRows() {
        long alice = data.user().getId();
        long bob = data.user().getId();
        friends.recordChange(alice, bob, RosterChange.ADDED, T0 - 10);
        friends.recordChange(alice, bob, RosterChange.UPDATED, T0 + 10);

        assertTrue(friends.purgeChangesBefore(T0) >= 1);

        assertEquals(List.of(new RosterChange(alice, bob, RosterChange.UPDATED, T0 + 10)), friends.changesSince(alice, 0, 100));
    }
}
