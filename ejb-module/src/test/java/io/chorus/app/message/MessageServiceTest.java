package io.chorus.app.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.event.ClusterEvent;
import io.chorus.app.event.EventPublisher;
import io.chorus.app.event.RevokedMessage;
import io.chorus.app.event.StoredMessage;
import io.chorus.app.friend.FriendService;
import io.chorus.app.identity.PublicIds;
import io.chorus.app.message.MessageViews.ChatSend;
import io.chorus.app.message.MessageViews.RevokeReceipt;
import io.chorus.app.message.MessageViews.SendReceipt;
import io.chorus.app.metrics.NodeMetrics;
import io.chorus.domain.account.AccountRepository;
import io.chorus.domain.friend.FriendRepository.Edge;
import io.chorus.domain.message.Conversation;
import io.chorus.domain.message.ConversationRepository.UserPair;
import io.chorus.domain.message.ConversationRepository;
import io.chorus.domain.message.DeliveryRepository;
import io.chorus.domain.message.Message;
import io.chorus.domain.message.MessageRepository.SenderWireId;
import io.chorus.domain.message.MessageRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link MessageService} with hand-written fakes of its repositories (the SQL itself is tested
 * against WildFly and PostgreSQL in DirectSendIT): a single send is a batch of one and answers
 * exactly what the single send always answered.
 */
class MessageServiceTest {
    private static final PublicIds IDS = new PublicIds("k3G7QAe51FCsPW92uEOyq4Bg6Sp8YzVTmnU0liwDjHcXLNrZbRoIxvJhMKtfad", 8);
    private static final Caller ALICE = new Caller(1, IDS.encode(1), 11, "phone", false);
    private static final long BOB = 2;
    private static final long STRANGER = 3;
    private static final long NOBODY = 99;

    private final FakeConversations conversations = new FakeConversations();
    private final FakeMessages messages = new FakeMessages();
    private final List<List<Message>> deliveredFor = new ArrayList<>();
    private final List<String> revokesOwed = new ArrayList<>();
    private final List<ClusterEvent> published = new ArrayList<>();
    private final Map<Edge, ErrorCode> gate = new HashMap<>();
    private final MessageService service = new MessageService();

    /** The conversation table: existing pairs are locked, new ones created (and counted). */
    static final class FakeConversations extends ConversationRepository {
        final Map<UserPair, Conversation> rows = new HashMap<>();
        final List<UserPair> created = new ArrayList<>();
        Runnable whileCreating = () -> { };

        @Override
        public Map<UserPair, Conversation> lockDirectConversations(Collection<UserPair> pairs) {
            return pairs.stream().filter(rows::containsKey).collect(Collectors.toMap(p -> p, rows::get));
        }

        @Override
        public Map<UserPair, Conversation> createDirectConversations(Collection<UserPair> pairs) {
            whileCreating.run();
            for (UserPair pair : pairs) {
                if (!rows.containsKey(pair)) {
                    rows.put(pair, Stored.conversation(700 + rows.size(), pair.lo(), pair.hi(), 0));
                    created.add(pair);
                }
            }
            return lockDirectConversations(pairs);
        }

        @Override
        public Optional<Conversation> findDirect(long userA, long userB) {
            return Optional.ofNullable(rows.get(UserPair.of(userA, userB)));
        }
    }

    /** The message table: ids given on save, found again by their sender's id. */
    static final class FakeMessages extends MessageRepository {
        final List<Message> rows = new ArrayList<>();

        @Override
        public Map<SenderWireId, Message> findBySenders(List<SenderWireId> keys) {
            Set<SenderWireId> wanted = new HashSet<>(keys);
            return rows.stream().filter(m -> wanted.contains(new SenderWireId(m.getSenderId(), m.getWireId())))
                    .collect(Collectors.toMap(m -> new SenderWireId(m.getSenderId(), m.getWireId()), m -> m));
        }

        @Override
        public Optional<Message> findBySender(long senderId, String wireId) {
            return Optional.ofNullable(findBySenders(List.of(new SenderWireId(senderId, wireId))).get(new SenderWireId(senderId, wireId)));
        }

        @Override
        public void saveAll(List<Message> fresh) {
            fresh.forEach(m -> rows.add(Stored.withId(m, 500 + rows.size())));
        }
    }

    @BeforeEach
    void wire() {
        service.conversations = conversations;
        service.messages = messages;
        service.deliveries = new DeliveryRepository() {
            @Override
            public void addForDirect(List<Message> fresh, Instant now) {
                deliveredFor.add(List.copyOf(fresh));
            }

            @Override
            public int addRevokeForDirect(long messageId, long exceptDeviceId, Instant now) {
                revokesOwed.add(messageId + " except device " + exceptDeviceId);
                return 1;
            }
        };
        service.accounts = new AccountRepository() {
            @Override
            public Set<Long> existingUserIds(List<Long> ids) {
                return ids.stream().filter(id -> id <= STRANGER).collect(Collectors.toSet());
            }
        };
        service.friends = new FriendService() {
            @Override
            public Map<Edge, ErrorCode> refusals(List<Edge> recipientToSender) {
                return recipientToSender.stream().filter(gate::containsKey).collect(Collectors.toMap(e -> e, gate::get));
            }
        };
        service.events = new EventPublisher() {
            @Override
            public void publish(ClusterEvent event) {
                published.add(event);
            }
        };
        service.ids = IDS;
        service.metrics = new NodeMetrics();
        service.requireFriendship = true;
        service.revokeWindowSeconds = 120;
        gate.put(new Edge(STRANGER, ALICE.userId()), ErrorCode.NOT_A_FRIEND);
    }

    private static ChatSend send(long to, String wireId) {
        return new ChatSend(wireId, IDS.encode(to), "{\"text\":\"hi\"}", 5);
    }

    private ErrorCode refusal(ChatSend send) {
        return assertThrows(ChorusException.class, () -> service.sendDirect(ALICE, send)).code();
    }

    @Test
    void sendDirect_firstMessage_isStoredWithSeq1_deliveredAndPublished() {
        SendReceipt receipt = service.sendDirect(ALICE, send(BOB, "m1"));

        assertEquals(List.of(UserPair.of(1, BOB)), conversations.created);
        assertEquals(1, receipt.seq());
        assertEquals("m1", receipt.wireId());
        assertEquals(messages.rows.get(0).getId(), receipt.messageId());
        assertEquals(List.of(messages.rows), deliveredFor);
        StoredMessage event = assertInstanceOf(StoredMessage.class, published.get(0));
        assertEquals(List.of(BOB, ALICE.userId()), event.userIds());
        assertEquals(ALICE.uid(), event.from());
        assertEquals(IDS.encode(BOB), event.to());
        assertEquals(ALICE.deviceId(), event.senderDeviceId());
        assertEquals(1, service.metrics.totals().sends());
    }

    @Test
    void sendDirect_retry_answersTheOriginalReceipt_andStoresNothing() {
        SendReceipt first = service.sendDirect(ALICE, send(BOB, "m1"));

        SendReceipt again = service.sendDirect(ALICE, send(BOB, "m1"));

        assertEquals(first, again);
        assertEquals(1, messages.rows.size());
        assertEquals(1, published.size(), "nothing published for a retry");
    }

    @Test
    void sendDirect_retryAfterUnfriending_stillGetsItsReceipt() {
        SendReceipt first = service.sendDirect(ALICE, send(BOB, "m1"));
        gate.put(new Edge(BOB, ALICE.userId()), ErrorCode.NOT_A_FRIEND);

        assertEquals(first, service.sendDirect(ALICE, send(BOB, "m1")));
        assertEquals(ErrorCode.NOT_A_FRIEND, refusal(send(BOB, "m2")));
    }

    @Test
    void sendDirect_seqs_followEachOther() {
        service.sendDirect(ALICE, send(BOB, "m1"));
        service.sendDirect(ALICE, send(BOB, "m1"));
        SendReceipt second = service.sendDirect(ALICE, send(BOB, "m2"));

        assertEquals(2, second.seq(), "a retry takes no seq");
        assertEquals(List.of(UserPair.of(1, BOB)), conversations.created, "created once");
    }

    @Test
    void sendDirect_toUnknownUser_withTheGateOn_isNotAFriend() {
        assertEquals(ErrorCode.NOT_A_FRIEND, refusal(send(NOBODY, "m1")));
        assertEquals(ErrorCode.NOT_A_FRIEND, refusal(new ChatSend("m2", "not-an-id", "{}", 0)));
    }

    @Test
    void sendDirect_toUnknownUser_withTheGateOff_isNotFound() {
        service.requireFriendship = false;

        assertEquals(ErrorCode.NOT_FOUND, refusal(send(NOBODY, "m1")));
        assertEquals(ErrorCode.NOT_FOUND, refusal(new ChatSend("m2", "not-an-id", "{}", 0)));
    }

    @Test
    void sendDirect_toAStranger_withTheGateOff_isStored() {
        service.requireFriendship = false;

        assertEquals(1, service.sendDirect(ALICE, send(STRANGER, "m1")).seq());
    }

    @Test
    void sendDirect_refused_leavesNoConversationBehind() {
        refusal(send(STRANGER, "m1"));
        refusal(send(NOBODY, "m2"));

        assertTrue(conversations.created.isEmpty());
        assertTrue(messages.rows.isEmpty());
        assertTrue(deliveredFor.isEmpty());
        assertTrue(published.isEmpty());
    }

    @Test
    void sendDirect_retryRacingItsFirstMessage_findsTheOriginalUnderTheNewLock() {
        // The original commits while this retry waits to create the conversation it creates too.
        conversations.whileCreating = () -> {
            conversations.rows.put(UserPair.of(1, BOB), Stored.conversation(7, 1, BOB, 1));
            messages.rows.add(Stored.message(70, 7, 1, ALICE.userId(), "m1", 1234));
        };

        SendReceipt receipt = service.sendDirect(ALICE, send(BOB, "m1"));

        assertEquals(70, receipt.messageId(), "the original's receipt, not a unique-key violation");
        assertEquals(1, messages.rows.size());
        assertTrue(published.isEmpty());
    }

    @Test
    void revokeDirect_twice_answersTheSame_andTellsOnce() {
        service.sendDirect(ALICE, send(BOB, "m1"));
        published.clear();

        RevokeReceipt first = service.revokeDirect(ALICE, "m1", IDS.encode(BOB));
        RevokeReceipt second = service.revokeDirect(ALICE, "m1", IDS.encode(BOB));

        assertEquals("m1", first.wireId());
        assertEquals(first.wireId(), second.wireId());
        assertEquals(MessageService.REVOKED_PAYLOAD, messages.rows.get(0).getPayload());
        assertEquals(1, published.size());
        assertInstanceOf(RevokedMessage.class, published.get(0));
        assertEquals(List.of(messages.rows.get(0).getId() + " except device " + ALICE.deviceId()), revokesOwed,
                "owed once to every other device, whatever happens to the event");
    }

    @Test
    void revokeDirect_afterWindow_isTooLate_andChangesNothing() {
        messages.rows.add(Stored.message(70, 7, 1, ALICE.userId(), "old", System.currentTimeMillis() - 121_000));
        conversations.rows.put(UserPair.of(1, BOB), Stored.conversation(7, 1, BOB, 1));

        ChorusException refused = assertThrows(ChorusException.class, () -> service.revokeDirect(ALICE, "old", IDS.encode(BOB)));

        assertEquals(ErrorCode.REVOKE_TOO_LATE, refused.code());
        assertEquals("{}", messages.rows.get(0).getPayload());
        assertTrue(published.isEmpty());
    }
}
