package io.chorus.domain.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.domain.RepositoryDatabase;
import io.chorus.domain.TestData;
import io.chorus.domain.account.UserAccount;
import io.chorus.domain.group.ChatGroup;
import io.chorus.domain.group.GroupMember.Role;
import io.chorus.domain.message.ReadCursorRepository.ReadCount;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RepositoryDatabase.class)
class ReadCursorRepositoryIT {
    private EntityManager em;
    private TestData data;
    private MessageData messageData;
    private long alice;
    private long bob;
    private long conversation;

    @BeforeEach
    void setUp(EntityManager em) {
        this.em = em;
        data = new TestData(em);
        messageData = new MessageData(em);
        alice = data.user().getId();
        bob = data.user().getId();
        conversation = messageData.direct(alice, bob).getId();
    }

    @Test
    void markRead_firstTime_createsTheCursor() {
        messageData.readCursors.markRead(alice, conversation, 3);

        assertEquals(3, readSeq(alice));
        assertEquals(0, data.number("SELECT count(*) FROM conversation_read WHERE user_id = ?1", bob));
    }

    @Test
    void markRead_movesForward() {
        messageData.readCursors.markRead(alice, conversation, 3);
        messageData.readCursors.markRead(alice, conversation, 7);

        assertEquals(7, readSeq(alice));
    }

    @Test
    void markRead_neverMovesBack_andKeepsOneRow() {
        messageData.readCursors.markRead(alice, conversation, 7);

        messageData.readCursors.markRead(alice, conversation, 3);
        assertEquals(7, readSeq(alice));
        messageData.readCursors.markRead(alice, conversation, 7);
        assertEquals(7, readSeq(alice));
        assertEquals(1, data.number("SELECT count(*) FROM conversation_read WHERE user_id = ?1", alice));
    }

    @Test
    void markRead_isPerUser() {
        messageData.readCursors.markRead(alice, conversation, 5);
        messageData.readCursors.markRead(bob, conversation, 2);

        assertEquals(5, readSeq(alice));
        assertEquals(2, readSeq(bob));
    }

    @Test
    void markRead_saysWhetherTheCursorMoved() {
        assertTrue(messageData.readCursors.markRead(alice, conversation, 3));
        assertTrue(messageData.readCursors.markRead(alice, conversation, 5));
        assertFalse(messageData.readCursors.markRead(alice, conversation, 5));
        assertFalse(messageData.readCursors.markRead(alice, conversation, 2));
    }

    @Test
    void unreadAfter_countsOthersMessagesAboveTheSeq() {
        Conversation direct = messageData.direct(alice, bob);
        messageData.send(direct, bob, null, TestData.unique("x"), 1);
        messageData.send(direct, alice, null, TestData.unique("x"), 2);
        messageData.send(direct, bob, null, TestData.unique("x"), 3);

        assertEquals(2, messageData.readCursors.unreadAfter(alice, direct.getId(), 0));
        assertEquals(1, messageData.readCursors.unreadAfter(alice, direct.getId(), 1));
        assertEquals(0, messageData.readCursors.unreadAfter(alice, direct.getId(), 3));
        assertEquals(1, messageData.readCursors.unreadAfter(bob, direct.getId(), 0));
    }

    @Test
    void directReadCounts_thePeerOfTheAuthor_whileItSharesItsReads() {
        Conversation direct = messageData.direct(alice, bob);
        messageData.send(direct, alice, null, TestData.unique("x"), 1);
        messageData.send(direct, alice, null, TestData.unique("x"), 2);
        messageData.send(direct, bob, null, TestData.unique("x"), 3);
        messageData.readCursors.markRead(bob, direct.getId(), 1);

        assertEquals(List.of(new ReadCount(1, 1, 1), new ReadCount(2, 1, 0), new ReadCount(3, 1, 0)),
                messageData.readCursors.directReadCounts(direct.getId(), List.of(1L, 2L, 3L)));

        em.find(UserAccount.class, bob).shareReadReceipts(false);
        em.flush();
        assertEquals(List.of(new ReadCount(1, 1, 0)), messageData.readCursors.directReadCounts(direct.getId(), List.of(1L)));
    }

    @Test
    void groupReadCounts_membersWhoJoinedBeforeIt_butTheAuthor() {
        UserAccount owner = data.user();
        UserAccount early = data.user();
        UserAccount late = data.user();
        UserAccount private_ = data.user();
        private_.shareReadReceipts(false);
        em.flush();
        ChatGroup group = data.group(owner);
        data.member(group, owner, Role.OWNER, 0);
        data.member(group, early, Role.MEMBER, 0);
        data.member(group, private_, Role.MEMBER, 0);
        data.member(group, late, Role.MEMBER, 1);
        Conversation chat = messageData.conversations.lockGroupConversation(ConversationKind.GROUP, group.getId());
        messageData.send(chat, owner.getId(), null, TestData.unique("x"), 1);
        messageData.send(chat, owner.getId(), null, TestData.unique("x"), 2);
        messageData.readCursors.markRead(early.getId(), chat.getId(), 2);
        messageData.readCursors.markRead(late.getId(), chat.getId(), 2);
        messageData.readCursors.markRead(private_.getId(), chat.getId(), 2);

        // seq 1: early and private could read it (late joined after it); only early tells.
        // seq 2: early, private and late; early and late tell. 9 does not exist.
        assertEquals(List.of(new ReadCount(1, 2, 1), new ReadCount(2, 3, 2)),
                messageData.readCursors.groupReadCounts(chat.getId(), group.getId(), List.of(1L, 2L, 9L)));
    }

    private long readSeq(long user) {
        return data.number("SELECT read_seq FROM conversation_read WHERE user_id = ?1 AND conversation_id = ?2", user, conversation);
    }
}
