package io.chorus.domain.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.domain.RepositoryDatabase;
import io.chorus.domain.TestData;
import io.chorus.domain.account.Device;
import io.chorus.domain.account.UserAccount;
import io.chorus.domain.message.MessageRepository.SenderWireId;
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
class MessageRepositoryIT {
    private EntityManager em;
    private TestData data;
    private MessageData messageData;
    private MessageRepository messages;

    @BeforeEach
    void setUp(EntityManager em) {
        this.em = em;
        data = new TestData(em);
        messageData = new MessageData(em);
        messages = messageData.messages;
    }

    /**
     * The send batch's retry lookup: keys are (sender, wire id) pairs, so another sender's message
     * with the same wire id, or the sender's other messages, never come back, nor through the padding.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 17})
    void findBySenders_findsExactlyTheStoredKeys(int keys) {
        Device alice = data.device(data.user());
        Device bob = data.device(data.user());
        Conversation conversation = messageData.direct(alice.getUser().getId(), bob.getUser().getId());
        List<SenderWireId> asked = new ArrayList<>();
        Map<SenderWireId, Long> expected = new HashMap<>();
        for (int i = 0; i < keys; i++) {
            String wireId = TestData.unique("x");
            SenderWireId key = new SenderWireId(alice.getUser().getId(), wireId);
            asked.add(key);
            if (i % 2 == 0) {
                expected.put(key, messageData.send(conversation, alice.getUser().getId(), alice.getId(), wireId, i).getId());
            } else {
                messageData.send(conversation, bob.getUser().getId(), bob.getId(), wireId, i); // same id, other sender
            }
        }
        messageData.send(conversation, alice, 99); // alice's, not asked
        em.clear();

        Map<SenderWireId, Message> found = messages.findBySenders(asked);

        assertEquals(expected, found.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getId())));
    }

    @Test
    void findBySenders_moreKeysThanOneStatement() {
        Device alice = data.device(data.user());
        Conversation conversation = messageData.direct(alice.getUser().getId(), data.user().getId());
        Message first = messageData.send(conversation, alice, 1);
        Message last = messageData.send(conversation, alice, 2);
        List<SenderWireId> asked = new ArrayList<>();
        asked.add(new SenderWireId(alice.getUser().getId(), first.getWireId()));
        for (int i = 0; i < 600; i++) {
            asked.add(new SenderWireId(alice.getUser().getId(), TestData.unique("missing")));
        }
        asked.add(new SenderWireId(alice.getUser().getId(), last.getWireId()));

        assertEquals(List.of(first.getId(), last.getId()),
                messages.findBySenders(asked).values().stream().map(Message::getId).sorted().toList());
    }

    @Test
    void findBySender_isPerSender() {
        Device alice = data.device(data.user());
        UserAccount bob = data.user();
        Conversation conversation = messageData.direct(alice.getUser().getId(), bob.getId());
        Message sent = messageData.send(conversation, alice, 1);

        assertEquals(sent.getId(), messages.findBySender(alice.getUser().getId(), sent.getWireId()).orElseThrow().getId());
        assertTrue(messages.findBySender(bob.getId(), sent.getWireId()).isEmpty());
    }

    @Test
    void saveAll_storesEveryMessageWithItsId() {
        Device alice = data.device(data.user());
        Conversation conversation = messageData.direct(alice.getUser().getId(), data.user().getId());
        List<Message> fresh = List.of(
                new Message(conversation.getId(), conversation.nextSeq(), alice.getUser().getId(), alice.getId(), TestData.unique("x"), "{}", 1, 1),
                new Message(conversation.getId(), conversation.nextSeq(), alice.getUser().getId(), alice.getId(), TestData.unique("x"), "{}", 2, 2));

        messages.saveAll(fresh);

        assertEquals(2, data.number("SELECT count(*) FROM message WHERE conversation_id = ?1", conversation.getId()));
        assertTrue(fresh.stream().allMatch(m -> m.getId() != null));
    }

    @Test
    void findAll_inTheAskedOrder_withoutRepeatsOrMissingOnes() {
        Device alice = data.device(data.user());
        Conversation conversation = messageData.direct(alice.getUser().getId(), data.user().getId());
        Message one = messageData.send(conversation, alice, 1);
        Message two = messageData.send(conversation, alice, 2);
        em.clear();

        assertEquals(List.of(two.getId(), one.getId()),
                messages.findAll(List.of(two.getId(), -1L, one.getId(), two.getId())).stream().map(Message::getId).toList());
        assertEquals(List.of(), messages.findAll(List.of()));
    }

    @Test
    void page_strictlyBetweenTheSeqs_newestFirst_upToTheLimit() {
        Device alice = data.device(data.user());
        Conversation conversation = messageData.direct(alice.getUser().getId(), data.user().getId());
        for (int ts = 1; ts <= 6; ts++) {
            messageData.send(conversation, alice, ts);
        }
        Conversation other = messageData.direct(alice.getUser().getId(), data.user().getId());
        messageData.send(other, alice, 7);

        assertEquals(List.of(5L, 4L, 3L), seqs(messages.page(conversation.getId(), 2, 6, 10)));
        assertEquals(List.of(6L, 5L), seqs(messages.page(conversation.getId(), 0, Long.MAX_VALUE, 2)));
    }

    @Test
    void messagesSince_countsChatMessagesAfterTheBound_notNotices() {
        // Far in the future, so that only this test's messages count.
        long since = 4_000_000_000_000L + System.nanoTime() % 1_000_000;
        Device alice = data.device(data.user());
        Conversation direct = messageData.direct(alice.getUser().getId(), data.user().getId());
        Conversation group = messageData.conversations.lockGroupConversation(ConversationKind.GROUP, data.group(alice.getUser()).getId());
        Conversation notices = messageData.conversations.lockNoticeConversation(alice.getUser().getId());
        Conversation groupNotices = messageData.conversations.lockGroupConversation(ConversationKind.GROUP_NOTICES,
                data.group(alice.getUser()).getId());
        messageData.send(direct, alice, since);        // at the bound: not after it
        messageData.send(direct, alice, since + 1);
        messageData.send(group, alice, since + 2);
        messageData.send(notices, alice, since + 3);
        messageData.send(groupNotices, alice, since + 4);

        assertEquals(2, messages.messagesSince(since));
        assertEquals(1, messages.messagesSince(since + 1));
    }

    private static List<Long> seqs(List<Message> page) {
        return page.stream().map(Message::getSeq).toList();
    }
}
