package io.chorus.domain.message;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chorus.domain.RepositoryDatabase;
import io.chorus.domain.TestData;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RepositoryDatabase.class)
class ReadCursorRepositoryIT {
    private TestData data;
    private MessageData messageData;
    private long alice;
    private long bob;
    private long conversation;

    @BeforeEach
    void setUp(EntityManager em) {
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

    private long readSeq(long user) {
        return data.number("SELECT read_seq FROM conversation_read WHERE user_id = ?1 AND conversation_id = ?2", user, conversation);
    }
}
