package io.chorus.domain.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.domain.RepositoryDatabase;
import io.chorus.domain.TestData;
import io.chorus.domain.account.Device;
import io.chorus.domain.account.UserAccount;
import io.chorus.domain.group.ChatGroup;
import io.chorus.domain.group.GroupMember.Role;
import io.chorus.domain.message.ConversationRepository.RecentConversation;
import io.chorus.domain.message.ConversationRepository.UserPair;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(RepositoryDatabase.class)
class ConversationRepositoryIT {
    private EntityManager em;
    private TestData data;
    private MessageData messageData;
    private ConversationRepository conversations;

    @BeforeEach
    void setUp(EntityManager em) {
        this.em = em;
        data = new TestData(em);
        messageData = new MessageData(em);
        conversations = messageData.conversations;
    }

    // --- creating and locking ---------------------------------------------------------------

    @Test
    void directConversation_createsOnce_andReturnsTheSameRowEitherWayRound() {
        long alice = data.user().getId();
        long bob = data.user().getId();

        Conversation first = messageData.direct(bob, alice);
        em.flush();
        em.clear(); // the second call must find the row, not the persistence context's copy
        Conversation second = messageData.direct(alice, bob);

        assertEquals(first.getId(), second.getId());
        assertEquals(ConversationKind.DIRECT, second.getKind());
        assertEquals(Math.min(alice, bob), second.getUserLo());
        assertEquals(Math.max(alice, bob), second.getUserHi());
        assertEquals(0, second.getLastSeq());
        assertEquals(1, data.number("SELECT count(*) FROM conversation WHERE user_lo = ?1 AND user_hi = ?2",
                Math.min(alice, bob), Math.max(alice, bob)));
    }

    @Test
    void directConversation_keepsItsSeq() {
        UserAccount alice = data.user();
        Device phone = data.device(alice);
        long bob = data.user().getId();
        Conversation conversation = messageData.direct(alice.getId(), bob);
        messageData.send(conversation, phone, 1);
        messageData.send(conversation, phone, 2);
        em.clear();

        assertEquals(2, messageData.direct(bob, alice.getId()).getLastSeq());
    }

    @Test
    void lockNoticeConversation_isTheUsersOwn_apartFromADirectConversationWithThemselves() {
        long user = data.user().getId();

        Conversation notices = conversations.lockNoticeConversation(user);
        Conversation self = messageData.direct(user, user);

        assertEquals(ConversationKind.NOTICES, notices.getKind());
        assertEquals(user, notices.getUserLo());
        assertEquals(user, notices.getUserHi());
        assertNotEquals(notices.getId(), self.getId());
        assertEquals(notices.getId(), conversations.lockNoticeConversation(user).getId());
        assertTrue(conversations.findDirect(user, user).isPresent());
    }

    @Test
    void lockGroupConversation_oncePerKindAndGroup() {
        ChatGroup group = data.group(data.user());
        ChatGroup other = data.group(data.user());

        Conversation notices = conversations.lockGroupConversation(ConversationKind.GROUP_NOTICES, group.getId());
        em.flush();
        em.clear();
        assertTrue(conversations.findGroup(group.getId()).isEmpty()); // notices are not the group's messages
        Conversation messages = conversations.lockGroupConversation(ConversationKind.GROUP, group.getId());
        Conversation again = conversations.lockGroupConversation(ConversationKind.GROUP, group.getId());
        Conversation othersMessages = conversations.lockGroupConversation(ConversationKind.GROUP, other.getId());

        assertEquals(messages.getId(), again.getId());
        assertNotEquals(notices.getId(), messages.getId());
        assertNotEquals(messages.getId(), othersMessages.getId());
        assertEquals(ConversationKind.GROUP, messages.getKind());
        assertEquals(group.getId(), messages.getGroupId());
        assertEquals(messages.getId(), conversations.findGroup(group.getId()).orElseThrow().getId());
        assertEquals(2, data.number("SELECT count(*) FROM conversation WHERE group_id = ?1", group.getId()));
    }

    /**
     * The send batch's lock: only pairs that have a direct conversation come back, none through the
     * padding, and a user's notice conversation (both columns the user) is never taken for a pair.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 17})
    void lockDirectConversations_findsExactlyTheAskedPairsThatExist(int pairs) {
        List<UserPair> asked = new ArrayList<>();
        Map<UserPair, Long> expected = new HashMap<>();
        for (int i = 0; i < pairs; i++) {
            long a = data.user().getId();
            long b = i % 3 == 2 ? a : data.user().getId();
            UserPair pair = UserPair.of(b, a);
            asked.add(pair);
            if (i % 3 == 0) {
                expected.put(pair, messageData.direct(a, b).getId());
            } else if (i % 3 == 2) {
                conversations.lockNoticeConversation(a); // same columns, other kind
            }
        }
        long x = data.user().getId();
        long y = data.user().getId();
        messageData.direct(x, y); // exists, not asked
        em.flush();
        em.clear();

        Map<UserPair, Conversation> locked = conversations.lockDirectConversations(asked);

        assertEquals(expected, ids(locked));
        locked.forEach((pair, conversation) -> assertEquals(ConversationKind.DIRECT, conversation.getKind()));
    }

    @Test
    void createDirectConversations_makesTheMissingOnes_andKeepsTheExisting() {
        long a = data.user().getId();
        long b = data.user().getId();
        long c = data.user().getId();
        long existing = messageData.direct(a, b).getId();
        List<UserPair> pairs = List.of(UserPair.of(a, b), UserPair.of(c, a), UserPair.of(b, c));

        Map<UserPair, Conversation> created = conversations.createDirectConversations(pairs);

        assertEquals(pairs.stream().collect(Collectors.toSet()), created.keySet());
        assertEquals(existing, created.get(UserPair.of(a, b)).getId());
        assertEquals(created.get(UserPair.of(a, c)).getId(), conversations.findDirect(c, a).orElseThrow().getId());
        for (UserPair pair : pairs) {
            assertEquals(1, data.number("SELECT count(*) FROM conversation WHERE kind = 'C2C' AND user_lo = ?1 AND user_hi = ?2",
                    pair.lo(), pair.hi()));
        }
        assertEquals(ids(created), ids(conversations.createDirectConversations(pairs)));
    }

    @Test
    void findDirect_andFindConversation() {
        long a = data.user().getId();
        long b = data.user().getId();
        long c = data.user().getId();
        Conversation conversation = messageData.direct(a, b);

        assertEquals(conversation.getId(), conversations.findDirect(b, a).orElseThrow().getId());
        assertTrue(conversations.findDirect(a, c).isEmpty());
        assertEquals(conversation.getId(), conversations.findConversation(conversation.getId()).orElseThrow().getId());
        assertTrue(conversations.findConversation(-1).isEmpty());
    }

    // --- the recent list --------------------------------------------------------------------

    @Test
    void recent_listsDirectAndGroupConversations_newestFirst_withUnreadAboveReadCursorAndJoin() {
        UserAccount me = data.user();
        Device myPhone = data.device(me);
        Device bob = data.device(data.user());
        Device carol = data.device(data.user());
        long dave = data.user().getId();

        // Bob: three of his, then one of mine; I read up to his first.
        Conversation withBob = messageData.direct(me.getId(), bob.getUser().getId());
        messageData.send(withBob, bob, 100);
        messageData.send(withBob, bob, 101);
        messageData.send(withBob, bob, 102);
        Message lastWithBob = messageData.send(withBob, myPhone, 103);
        messageData.readCursors.markRead(me.getId(), withBob.getId(), 1);
        // Carol: one message, unread, the newest of all.
        Conversation withCarol = messageData.direct(carol.getUser().getId(), me.getId());
        Message fromCarol = messageData.send(withCarol, carol, 200);
        // Dave: a conversation without messages is not listed; neither are my notices.
        messageData.direct(me.getId(), dave);
        Conversation notices = conversations.lockNoticeConversation(me.getId());
        messageData.send(notices, me.getId(), null, TestData.unique("n"), 300);
        // A group I joined after its second message: only what came after counts.
        ChatGroup joinedLate = data.group(bob.getUser());
        Conversation lateChat = conversations.lockGroupConversation(ConversationKind.GROUP, joinedLate.getId());
        messageData.send(lateChat, bob, 10);
        messageData.send(lateChat, bob, 11);
        data.member(joinedLate, me, Role.MEMBER, lateChat.getLastSeq());
        messageData.send(lateChat, bob, 150);
        messageData.send(lateChat, bob, 151);
        messageData.send(lateChat, myPhone, 152);
        // A group where nothing happened since I joined: not listed.
        ChatGroup quiet = data.group(bob.getUser());
        Conversation quietChat = conversations.lockGroupConversation(ConversationKind.GROUP, quiet.getId());
        messageData.send(quietChat, bob, 400);
        data.member(quiet, me, Role.MEMBER, quietChat.getLastSeq());
        // A group I am not in: not listed.
        ChatGroup notMine = data.group(bob.getUser());
        messageData.send(conversations.lockGroupConversation(ConversationKind.GROUP, notMine.getId()), bob, 500);
        // A group I was in from the start and read partly: the read cursor counts.
        ChatGroup early = data.group(bob.getUser());
        Conversation earlyChat = conversations.lockGroupConversation(ConversationKind.GROUP, early.getId());
        data.member(early, me, Role.MEMBER, 0);
        for (int ts = 50; ts < 55; ts++) {
            messageData.send(earlyChat, bob, ts);
        }
        messageData.readCursors.markRead(me.getId(), earlyChat.getId(), 3);

        List<RecentConversation> recent = conversations.recent(me.getId(), 10);

        assertEquals(List.of(
                        List.of(withCarol.getId(), ConversationKind.DIRECT, carol.getUser().getId(), 1L),
                        List.of(lateChat.getId(), ConversationKind.GROUP, joinedLate.getId(), 2L),
                        List.of(withBob.getId(), ConversationKind.DIRECT, bob.getUser().getId(), 2L),
                        List.of(earlyChat.getId(), ConversationKind.GROUP, early.getId(), 2L)),
                recent.stream().map(r -> List.of(r.conversationId(), r.kind(), r.peerId(), r.unread())).toList());
        assertEquals(new RecentConversation(withCarol.getId(), ConversationKind.DIRECT, carol.getUser().getId(), 1,
                fromCarol.getWireId(), carol.getUser().getId(), fromCarol.getPayload(), 199, 200, fromCarol.getId(), 1, false), recent.get(0));
        assertEquals(new RecentConversation(withBob.getId(), ConversationKind.DIRECT, bob.getUser().getId(), 4,
                lastWithBob.getWireId(), me.getId(), lastWithBob.getPayload(), 102, 103, lastWithBob.getId(), 2, false), recent.get(2));
    }

    @Test
    void recent_upToTheLimit() {
        UserAccount me = data.user();
        for (int ts = 1; ts <= 3; ts++) {
            Device peer = data.device(data.user());
            messageData.send(messageData.direct(me.getId(), peer.getUser().getId()), peer, ts);
        }

        assertEquals(List.of(3L, 2L), conversations.recent(me.getId(), 2).stream().map(RecentConversation::lastServerTs).toList());
    }

    private static Map<UserPair, Long> ids(Map<UserPair, Conversation> conversations) {
        return conversations.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getId()));
    }
}
