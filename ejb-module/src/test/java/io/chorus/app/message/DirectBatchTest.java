package io.chorus.app.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.file.FileViews.FileUse;
import io.chorus.app.message.DirectBatch.NewMessage;
import io.chorus.app.message.MessageViews.ChatSend;
import io.chorus.app.message.MessageViews.DirectSend;
import io.chorus.app.message.MessageViews.SendOutcome;
import io.chorus.domain.friend.FriendRepository.Edge;
import io.chorus.domain.message.Conversation;
import io.chorus.domain.message.ConversationRepository.UserPair;
import io.chorus.domain.message.Message;
import io.chorus.domain.message.MessageRepository.SenderWireId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The rules of a batch of one-to-one sends ({@link DirectBatch}), with the database's answers made
 * up: idempotency, seq assignment and what a refusal leaves behind. Users are public id "u" + id.
 */
class DirectBatchTest {
    private static final Caller ALICE = new Caller(1, "u1", 11, "phone", false);
    private static final Caller CAROL = new Caller(3, "u3", 31, "phone", false);
    private static final long BOB = 2;
    private static final long DAVE = 4;
    private static final Set<Long> USERS = Set.of(1L, 2L, 3L, 4L);
    private static final long NOW = 1_000_000;

    private final Map<UserPair, Conversation> conversations = new HashMap<>();
    private final Map<SenderWireId, Message> originals = new HashMap<>();
    private final Map<Edge, ErrorCode> refusals = new HashMap<>();
    private final Set<FileUse> refusedFiles = new java.util.HashSet<>();
    private long nextMessageId = 500;

    private static DirectSend send(Caller from, String to, String wireId) {
        return new DirectSend(from, new ChatSend(wireId, to, "{\"text\":\"" + wireId + "\"}", 0));
    }

    private static long decode(String publicId) {
        if (!publicId.matches("u\\d+")) {
            throw new ChorusException(ErrorCode.INVALID_FIELD);
        }
        return Long.parseLong(publicId.substring(1));
    }

    /** Runs the batch as the service does, with this test's database answers; the messages it stored. */
    private List<Message> run(DirectBatch batch) {
        batch.address(DirectBatchTest::decode, ids -> ids.stream().filter(USERS::contains).collect(Collectors.toSet()));
        if (!batch.anyAccepted()) {
            return List.of();
        }
        List<FileUse> uses = batch.fileUses();
        batch.decide(originals, refusals, uses.stream().filter(refusedFiles::contains).collect(Collectors.toSet()));
        if (!batch.anyToStore()) {
            return List.of();
        }
        for (UserPair pair : batch.firstMessages(conversations.keySet())) {
            conversations.put(pair, Stored.conversation(900 + conversations.size(), pair.lo(), pair.hi(), 0));
        }
        List<Message> stored = batch.newMessages(conversations, NOW).stream().map(NewMessage::message).toList();
        stored.forEach(m -> Stored.withId(m, nextMessageId++));
        return stored;
    }

    private static DirectBatch batch(DirectSend... sends) {
        return new DirectBatch(List.of(sends), () -> new ChorusException(ErrorCode.NOT_A_FRIEND));
    }

    @Test
    void retry_ofAStoredId_answersTheOriginalReceipt_andStoresNothing() {
        conversations.put(UserPair.of(1, BOB), Stored.conversation(7, 1, BOB, 5));
        Message original = Stored.message(77, 7, 5, 1, "m1", 4242);
        originals.put(new SenderWireId(1, "m1"), original);
        DirectBatch batch = batch(send(ALICE, "u2", "m1"));

        List<Message> stored = run(batch);

        assertTrue(stored.isEmpty(), "a retry stores nothing");
        SendOutcome outcome = batch.outcomes().get(0);
        assertNull(outcome.refusal());
        assertEquals(MessageService.receipt(original), outcome.receipt());
        assertEquals(5, conversations.get(UserPair.of(1, BOB)).getLastSeq(), "no seq taken");
    }

    @Test
    void retry_ofAStoredId_isAnsweredEvenWhenTheGateNowRefuses() {
        Message original = Stored.message(77, 7, 5, 1, "m1", 4242);
        originals.put(new SenderWireId(1, "m1"), original);
        refusals.put(new Edge(BOB, 1), ErrorCode.NOT_A_FRIEND);
        DirectBatch batch = batch(send(ALICE, "u2", "m1"));

        run(batch);

        assertEquals(MessageService.receipt(original), batch.outcomes().get(0).receipt());
    }

    @Test
    void sameIdTwiceInABatch_isARetryOfTheFirst() {
        DirectBatch batch = batch(send(ALICE, "u2", "m1"), send(ALICE, "u2", "m1"));

        List<Message> stored = run(batch);

        assertEquals(1, stored.size(), "one message for the two");
        List<SendOutcome> outcomes = batch.outcomes();
        assertEquals(MessageService.receipt(stored.get(0)), outcomes.get(0).receipt());
        assertEquals(outcomes.get(0), outcomes.get(1));
    }

    @Test
    void sameIdTwiceInABatch_evenToAnotherPeer_isARetryOfTheFirst() {
        DirectBatch batch = batch(send(ALICE, "u2", "m1"), send(ALICE, "u3", "m1"));

        List<Message> stored = run(batch);

        assertEquals(1, stored.size());
        assertEquals(batch.outcomes().get(0), batch.outcomes().get(1), "the id is the sender's, whoever it names");
    }

    @Test
    void sameIdAgain_afterTheFirstWasRefused_isANewSend() {
        refusals.put(new Edge(DAVE, 1), ErrorCode.NOT_A_FRIEND);
        DirectBatch batch = batch(send(ALICE, "u4", "m1"), send(ALICE, "u2", "m1"));

        List<Message> stored = run(batch);

        assertEquals(ErrorCode.NOT_A_FRIEND, batch.outcomes().get(0).refusal().code());
        assertEquals(1, stored.size(), "alone, the second would have found nothing stored under m1");
        assertEquals(MessageService.receipt(stored.get(0)), batch.outcomes().get(1).receipt());
    }

    @Test
    void sameWireId_fromTwoSenders_isTwoMessages() {
        DirectBatch batch = batch(send(ALICE, "u2", "m1"), send(CAROL, "u2", "m1"));

        assertEquals(2, run(batch).size());
    }

    @Test
    void seqs_areGapFreePerConversation_inBatchOrder() {
        conversations.put(UserPair.of(1, BOB), Stored.conversation(7, 1, BOB, 41));
        originals.put(new SenderWireId(1, "old"), Stored.message(70, 7, 41, 1, "old", 1));
        refusals.put(new Edge(DAVE, 1), ErrorCode.IN_DENYLIST);
        DirectBatch batch = batch(
                send(ALICE, "u2", "a1"),
                send(ALICE, "u3", "c1"),
                send(ALICE, "u4", "refused"),
                send(ALICE, "u2", "old"),
                send(ALICE, "nobody", "unknown"),
                send(ALICE, "u2", "a1"),
                send(ALICE, "u2", "a2"),
                send(ALICE, "u3", "c2"));

        List<Message> stored = run(batch);

        assertEquals(List.of("a1", "c1", "a2", "c2"), stored.stream().map(Message::getWireId).toList(), "batch order");
        assertEquals(List.of(42L, 1L, 43L, 2L), stored.stream().map(Message::getSeq).toList(),
                "each conversation's next seqs, none taken by a refusal or a retry");
        assertEquals(43, conversations.get(UserPair.of(1, BOB)).getLastSeq());
    }

    @Test
    void refusals_areOutcomes_andTheOthersAreStored() {
        refusals.put(new Edge(DAVE, 1), ErrorCode.IN_DENYLIST);
        DirectBatch batch = batch(send(ALICE, "u4", "denied"), send(ALICE, "nobody", "x"), send(ALICE, "u99", "y"),
                send(ALICE, "u2", "ok"));

        List<Message> stored = run(batch);

        List<SendOutcome> outcomes = batch.outcomes();
        assertEquals(ErrorCode.IN_DENYLIST, outcomes.get(0).refusal().code());
        assertEquals(ErrorCode.NOT_A_FRIEND, outcomes.get(1).refusal().code(), "not an id: the batch's no-such-recipient");
        assertEquals(ErrorCode.NOT_A_FRIEND, outcomes.get(2).refusal().code(), "nobody's id: the same");
        assertEquals(List.of("ok"), stored.stream().map(Message::getWireId).toList());
        assertEquals(MessageService.receipt(stored.get(0)), outcomes.get(3).receipt());
    }

    @Test
    void aRefusedFirstMessage_needsNoConversation() {
        refusals.put(new Edge(DAVE, 1), ErrorCode.NOT_A_FRIEND);
        DirectBatch batch = batch(send(ALICE, "u4", "m1"), send(ALICE, "u2", "m2"));
        batch.address(DirectBatchTest::decode, ids -> Set.copyOf(ids));
        batch.decide(originals, refusals);

        assertEquals(Set.of(UserPair.of(1, BOB)), batch.firstMessages(Set.of()), "no conversation with Dave to create");
    }

    @Test
    void anOriginalFoundUnderTheNewLock_isARetry_andTakesNoSeq() {
        DirectBatch batch = batch(send(ALICE, "u2", "m1"), send(ALICE, "u2", "m1"), send(ALICE, "u2", "m2"));
        batch.address(DirectBatchTest::decode, ids -> Set.copyOf(ids));
        batch.decide(Map.of(), Map.of());
        Set<UserPair> created = batch.firstMessages(Set.of());
        assertEquals(List.of(new SenderWireId(1, "m1"), new SenderWireId(1, "m2")), batch.keysIn(created));
        // A concurrent send of m1 created the conversation and committed first.
        Conversation conversation = Stored.conversation(7, 1, BOB, 1);
        Message original = Stored.message(70, 7, 1, 1, "m1", 1);

        batch.originalsFound(Map.of(new SenderWireId(1, "m1"), original));
        List<NewMessage> fresh = batch.newMessages(Map.of(UserPair.of(1, BOB), conversation), NOW);
        fresh.forEach(m -> Stored.withId(m.message(), nextMessageId++));

        assertEquals(List.of(2L), fresh.stream().map(m -> m.message().getSeq()).toList(), "only m2, with the next seq");
        List<SendOutcome> outcomes = batch.outcomes();
        assertEquals(MessageService.receipt(original), outcomes.get(0).receipt());
        assertEquals(MessageService.receipt(original), outcomes.get(1).receipt(), "its retry in the batch follows it");
        assertEquals("m2", outcomes.get(2).receipt().wireId());
    }

    @Test
    void newMessages_carryTheSendAndItsRecipient() {
        conversations.put(UserPair.of(1, BOB), Stored.conversation(7, 1, BOB, 0));
        DirectBatch batch = batch(send(ALICE, "u2", "m1"));
        batch.address(DirectBatchTest::decode, ids -> Set.copyOf(ids));
        batch.decide(Map.of(), Map.of());

        NewMessage fresh = batch.newMessages(conversations, NOW).get(0);

        assertEquals(BOB, fresh.recipientId());
        assertSame(ALICE, fresh.send().sender());
        Message message = fresh.message();
        assertEquals(7, message.getConversationId());
        assertEquals(1, message.getSenderId());
        assertEquals(11L, message.getSenderDeviceId());
        assertEquals("m1", message.getWireId());
        assertEquals("{\"text\":\"m1\"}", message.getPayload());
        assertEquals(NOW, message.getServerTs());
    }

    private static DirectSend image(Caller from, String to, String wireId, String fileId) {
        return new DirectSend(from, new ChatSend(wireId, to, "{\"msg_type\":\"image\",\"file\":{\"id\":\"" + fileId + "\"}}", 0));
    }

    @Test
    void fileTheSenderMayNotAttach_isRefused_andTheOthersOfTheBatchAreStored() {
        refusedFiles.add(new FileUse("stolen", 1, false, BOB));
        DirectBatch batch = batch(image(ALICE, "u2", "m1", "mine"), image(ALICE, "u2", "m2", "stolen"), send(ALICE, "u2", "m3"));

        List<Message> stored = run(batch);

        assertEquals(List.of("m1", "m3"), stored.stream().map(Message::getWireId).toList());
        List<SendOutcome> outcomes = batch.outcomes();
        assertEquals(ErrorCode.ATTACHMENT_REFUSED, outcomes.get(1).refusal().code());
        assertEquals(List.of(new FileUse("mine", 1, false, BOB), new FileUse("stolen", 1, false, BOB)), batch.fileUses());
    }

    @Test
    void retry_ofAStoredMessageNamingAFile_getsItsReceipt_evenIfTheFileIsRefusedNow() {
        conversations.put(UserPair.of(1, BOB), Stored.conversation(7, 1, BOB, 5));
        Message original = Stored.message(77, 7, 5, 1, "m1", 4242);
        originals.put(new SenderWireId(1, "m1"), original);
        refusedFiles.add(new FileUse("revoked", 1, false, BOB));
        DirectBatch batch = batch(image(ALICE, "u2", "m1", "revoked"));

        assertEquals(List.of(), run(batch));
        assertNull(batch.outcomes().get(0).refusal());
    }

    @Test
    void malformedFileField_namesNoFile() {
        assertEquals(java.util.Optional.of(FileReferences.MALFORMED), FileReferences.fileId("{\"msg_type\":\"file\",\"file\":\"x\"}"));
        assertEquals(java.util.Optional.of("f1"), FileReferences.fileId("{\"msg_type\":\"file\",\"file\":{\"id\":\"f1\"}}"));
        assertEquals(java.util.Optional.empty(), FileReferences.fileId("{\"msg_type\":\"text\",\"text\":\"file\"}"));
        assertEquals(java.util.Optional.empty(), FileReferences.fileId("{\"msg_type\":\"text\",\"text\":\"a \\\"file\\\" word\"}"));
    }
}
