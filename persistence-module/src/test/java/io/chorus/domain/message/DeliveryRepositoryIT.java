package io.chorus.domain.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.chorus.domain.RepositoryDatabase;
import io.chorus.domain.TestData;
import io.chorus.domain.account.Device;
import io.chorus.domain.account.UserAccount;
import io.chorus.domain.group.ChatGroup;
import io.chorus.domain.group.GroupMember.Role;
import io.chorus.domain.message.DeliveryRepository.BacklogFigures;
import io.chorus.domain.message.DeliveryRepository.DeviceMessage;
import io.chorus.domain.message.DeliveryRepository.PendingHead;
import io.chorus.domain.message.DeliveryRepository.PendingMessage;
import io.chorus.domain.message.DeliveryRepository.PendingRevoke;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(RepositoryDatabase.class)
class DeliveryRepositoryIT {
    private static final Instant NOW = TestData.NOW;

    private EntityManager em;
    private TestData data;
    private MessageData messageData;
    private DeliveryRepository deliveries;
    private ConversationRepository conversations;

    // Alice and Bob with two devices each, Carol with one.
    private Device alicePhone;
    private Device aliceLaptop;
    private Device bobPhone;
    private Device bobTablet;
    private Device carolPhone;

    @BeforeEach
    void setUp(EntityManager em) {
        this.em = em;
        data = new TestData(em);
        messageData = new MessageData(em);
        deliveries = messageData.deliveries;
        conversations = messageData.conversations;
        UserAccount alice = data.user();
        UserAccount bob = data.user();
        alicePhone = data.device(alice);
        aliceLaptop = data.device(alice);
        bobPhone = data.device(bob);
        bobTablet = data.device(bob);
        carolPhone = data.device(data.user());
    }

    // --- adding rows ------------------------------------------------------------------------

    @Test
    void addForDirect_everyDeviceOfBothUsersButTheSendingOne() {
        Message message = messageData.send(direct(alicePhone, bobPhone), alicePhone, 1);

        deliveries.addForDirect(List.of(message), NOW);

        assertEquals(ids(aliceLaptop, bobPhone, bobTablet), messageData.recipients(message));
        assertEquals(List.of(message.getConversationId(), message.getSeq()),
                List.of(data.number("SELECT conversation_id FROM delivery WHERE device_id = ?1", bobPhone.getId()),
                        data.number("SELECT seq FROM delivery WHERE device_id = ?1", bobPhone.getId())));
        assertEquals(1, data.number("SELECT count(*) FROM delivery WHERE device_id = ?1 AND created_at = ?2", bobTablet.getId(), NOW));
    }

    /**
     * The send batch's one statement for all its messages: each message's rows are its own
     * conversation's devices minus its sending device, and the padded id list adds no other message.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 17})
    void addForDirect_batch_rowsForExactlyTheseMessages(int count) {
        Conversation aliceBob = direct(alicePhone, bobPhone);
        Conversation carolAlice = direct(carolPhone, alicePhone);
        List<Message> fresh = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fresh.add(i % 2 == 0
                    ? messageData.send(aliceBob, alicePhone, i)
                    // No sending device (e.g. a REST send): every device of both gets it.
                    : messageData.send(carolAlice, carolPhone.getUser().getId(), null, TestData.unique("x"), i));
        }
        Message notInTheBatch = messageData.send(aliceBob, bobPhone, 99);

        deliveries.addForDirect(fresh, NOW);

        for (int i = 0; i < count; i++) {
            assertEquals(i % 2 == 0 ? ids(aliceLaptop, bobPhone, bobTablet) : ids(carolPhone, alicePhone, aliceLaptop),
                    messageData.recipients(fresh.get(i)), "message " + i);
        }
        assertEquals(Set.of(), messageData.recipients(notInTheBatch));
        assertEquals(3, data.number("SELECT count(*) FROM delivery WHERE message_id = ?1 AND seq = ?2 AND conversation_id = ?3 "
                + "AND created_at = ?4", fresh.get(0).getId(), fresh.get(0).getSeq(), aliceBob.getId(), NOW));
    }

    @Test
    void addForDirect_batch_moreMessagesThanOneStatement() {
        Conversation aliceBob = direct(alicePhone, bobPhone);
        List<Message> fresh = new ArrayList<>();
        for (int i = 0; i < 520; i++) {
            fresh.add(new Message(aliceBob.getId(), aliceBob.nextSeq(), alicePhone.getUser().getId(), alicePhone.getId(),
                    TestData.unique("x"), "{}", i, i));
        }
        messageData.messages.saveAll(fresh);

        deliveries.addForDirect(fresh, NOW);

        assertEquals(520 * 3, data.number("SELECT count(*) FROM delivery WHERE conversation_id = ?1", aliceBob.getId()));
    }

    @Test
    void addForUser_everyDeviceOfTheUser() {
        Conversation notices = conversations.lockNoticeConversation(alicePhone.getUser().getId());
        Message notice = messageData.send(notices, bobPhone.getUser().getId(), null, TestData.unique("n"), 1);

        assertEquals(2, deliveries.addForUser(notice, alicePhone.getUser().getId(), NOW));
        assertEquals(ids(alicePhone, aliceLaptop), messageData.recipients(notice));
    }

    @Test
    void addForGroup_everyMembersDevicesButTheSendingOne() {
        ChatGroup group = data.group(alicePhone.getUser());
        data.member(group, alicePhone.getUser(), Role.OWNER, 0);
        data.member(group, bobPhone.getUser(), Role.MEMBER, 0);
        data.member(data.group(carolPhone.getUser()), carolPhone.getUser(), Role.OWNER, 0); // another group's
        Conversation chat = conversations.lockGroupConversation(ConversationKind.GROUP, group.getId());
        Message message = messageData.send(chat, bobTablet, 1);

        assertEquals(3, deliveries.addForGroup(message, group.getId(), bobTablet.getId(), NOW));
        assertEquals(ids(alicePhone, aliceLaptop, bobPhone), messageData.recipients(message));
    }

    @Test
    void addForGroup_aNoticeGoesToEveryMembersDevices() {
        ChatGroup group = data.group(alicePhone.getUser());
        data.member(group, alicePhone.getUser(), Role.OWNER, 0);
        data.member(group, carolPhone.getUser(), Role.MEMBER, 0);
        Conversation notices = conversations.lockGroupConversation(ConversationKind.GROUP_NOTICES, group.getId());
        Message notice = messageData.send(notices, alicePhone.getUser().getId(), null, TestData.unique("n"), 1);

        assertEquals(3, deliveries.addForGroup(notice, group.getId(), -1, NOW));
        assertEquals(ids(alicePhone, aliceLaptop, carolPhone), messageData.recipients(notice));
    }

    @Test
    void dropGroupBacklog_onlyThatUsersRowsOfThatGroup() {
        ChatGroup group = data.group(alicePhone.getUser());
        ChatGroup other = data.group(alicePhone.getUser());
        for (ChatGroup g : List.of(group, other)) {
            data.member(g, alicePhone.getUser(), Role.OWNER, 0);
            data.member(g, bobPhone.getUser(), Role.MEMBER, 0);
        }
        Message chat = groupMessage(group, ConversationKind.GROUP, carolPhone);
        Message notice = groupMessage(group, ConversationKind.GROUP_NOTICES, carolPhone);
        Message otherChat = groupMessage(other, ConversationKind.GROUP, carolPhone);
        Message fromAlice = messageData.send(direct(alicePhone, bobPhone), alicePhone, 1);
        deliveries.addForDirect(List.of(fromAlice), NOW);

        assertEquals(4, deliveries.dropGroupBacklog(group.getId(), bobPhone.getUser().getId()));

        assertEquals(ids(alicePhone, aliceLaptop), messageData.recipients(chat));
        assertEquals(ids(alicePhone, aliceLaptop), messageData.recipients(notice));
        assertEquals(ids(alicePhone, aliceLaptop, bobPhone, bobTablet), messageData.recipients(otherChat));
        assertEquals(ids(aliceLaptop, bobPhone, bobTablet), messageData.recipients(fromAlice));
    }

    // --- reading the backlog ----------------------------------------------------------------

    @Test
    void backlog_conversationByConversationInSeqOrder_withWhatTheFrameNeeds() {
        Conversation first = direct(alicePhone, bobPhone);
        Conversation second = direct(carolPhone, bobPhone);
        Message b1 = deliver(messageData.send(second, carolPhone, 10));
        Message a1 = deliver(messageData.send(first, alicePhone, 20));
        Message b2 = deliver(messageData.send(second, carolPhone, 30));
        Message a2 = deliver(messageData.send(first, alicePhone, 40));
        Message fromBob = deliver(messageData.send(first, bobTablet, 50)); // Bob's other device: the phone gets it too
        Conversation notices = conversations.lockNoticeConversation(bobPhone.getUser().getId());
        Message notice = messageData.send(notices, alicePhone.getUser().getId(), null, TestData.unique("n"), 60);
        deliveries.addForUser(notice, bobPhone.getUser().getId(), NOW);

        List<PendingMessage> backlog = deliveries.backlog(bobPhone.getId(), 100);

        List<Long> expected = Stream.of(b1, a1, b2, a2, fromBob, notice)
                .sorted(Comparator.comparingLong(Message::getConversationId).thenComparingLong(Message::getSeq))
                .map(Message::getId).toList();
        assertEquals(expected, backlog.stream().map(PendingMessage::messageId).toList());
        PendingMessage fromAlice = backlog.stream().filter(p -> p.messageId() == a1.getId()).findFirst().orElseThrow();
        assertEquals(new PendingMessage(a1.getId(), first.getId(), 1, a1.getWireId(), alicePhone.getUser().getId(),
                bobPhone.getUser().getId(), a1.getPayload(), 19, 20, alicePhone.getId(), ConversationKind.DIRECT, null), fromAlice);
        PendingMessage own = backlog.stream().filter(p -> p.messageId() == fromBob.getId()).findFirst().orElseThrow();
        assertEquals(alicePhone.getUser().getId(), own.peerId()); // the other user, also for one's own messages
        PendingMessage stored = backlog.stream().filter(p -> p.messageId() == notice.getId()).findFirst().orElseThrow();
        assertEquals(ConversationKind.NOTICES, stored.kind());
        assertEquals(bobPhone.getUser().getId(), stored.peerId()); // the recipient, for notices
        assertEquals(0, stored.senderDeviceId());
        assertNull(stored.groupId());
    }

    @Test
    void backlog_upToTheLimit_fromTheStart() {
        Conversation conversation = direct(alicePhone, bobPhone);
        List<Message> sent = new ArrayList<>();
        for (int ts = 1; ts <= 5; ts++) {
            sent.add(deliver(messageData.send(conversation, alicePhone, ts)));
        }

        assertEquals(ids(sent.subList(0, 3)), deliveries.backlog(bobPhone.getId(), 3).stream().map(PendingMessage::messageId).toList());
        assertEquals(List.of(), deliveries.backlog(carolPhone.getId(), 3));
    }

    @Test
    void backlog_ofAGroupMessage_carriesTheGroup() {
        ChatGroup group = data.group(alicePhone.getUser());
        data.member(group, alicePhone.getUser(), Role.OWNER, 0);
        data.member(group, bobPhone.getUser(), Role.MEMBER, 0);
        Message message = groupMessage(group, ConversationKind.GROUP, alicePhone);

        PendingMessage pending = deliveries.backlog(bobPhone.getId(), 10).get(0);

        assertEquals(message.getId(), pending.messageId());
        assertEquals(ConversationKind.GROUP, pending.kind());
        assertEquals(group.getId(), pending.groupId());
        assertEquals(0, pending.peerId());
    }

    @Test
    void pendingBetween_strictlyBetweenTheSeqs_ofThatConversationOnly() {
        Conversation conversation = direct(alicePhone, bobPhone);
        List<Message> sent = new ArrayList<>();
        for (int ts = 1; ts <= 6; ts++) {
            sent.add(deliver(messageData.send(conversation, alicePhone, ts)));
        }
        deliver(messageData.send(direct(carolPhone, bobPhone), carolPhone, 3)); // seq 1 of another conversation
        deliveries.settle(List.of(new DeviceMessage(bobPhone.getId(), sent.get(3).getId()))); // seq 4 already acked

        List<PendingMessage> gap = deliveries.pendingBetween(bobPhone.getId(), conversation.getId(), 1, 6);

        assertEquals(List.of(2L, 3L, 5L), gap.stream().map(PendingMessage::seq).toList());
        assertEquals(List.of(), deliveries.pendingBetween(bobPhone.getId(), conversation.getId(), 2, 3));
        assertEquals(List.of(), deliveries.pendingBetween(carolPhone.getId(), conversation.getId(), 0, 100));
    }

    // --- settling ---------------------------------------------------------------------------

    @Test
    void settleByWireId_onlyThatDevicesCopy_ofThatKind() {
        Message message = deliver(messageData.send(direct(alicePhone, bobPhone), alicePhone, 1));
        // A notice for Bob that happens to carry the same wire id.
        Conversation notices = conversations.lockNoticeConversation(bobPhone.getUser().getId());
        Message notice = messageData.send(notices, carolPhone.getUser().getId(), null, message.getWireId(), 2);
        deliveries.addForUser(notice, bobPhone.getUser().getId(), NOW);

        assertEquals(1, deliveries.settleByWireId(bobPhone.getId(), ConversationKind.DIRECT, message.getWireId()));
        assertEquals(0, deliveries.settleByWireId(bobPhone.getId(), ConversationKind.DIRECT, message.getWireId()));
        assertEquals(0, deliveries.settleByWireId(bobPhone.getId(), ConversationKind.DIRECT, TestData.unique("x")));

        assertEquals(ids(aliceLaptop, bobTablet), messageData.recipients(message));
        assertEquals(ids(bobPhone, bobTablet), messageData.recipients(notice));
    }

    @Test
    void settleByWireId_asNotice_alsoSettlesAGroupsNotice_butNotAChatMessage() {
        ChatGroup group = data.group(alicePhone.getUser());
        data.member(group, alicePhone.getUser(), Role.OWNER, 0);
        data.member(group, bobPhone.getUser(), Role.MEMBER, 0);
        Message groupNotice = groupMessage(group, ConversationKind.GROUP_NOTICES, alicePhone);
        Message groupChat = groupMessage(group, ConversationKind.GROUP, alicePhone);
        Conversation own = conversations.lockNoticeConversation(bobPhone.getUser().getId());
        Message notice = messageData.send(own, alicePhone.getUser().getId(), null, TestData.unique("n"), 3);
        deliveries.addForUser(notice, bobPhone.getUser().getId(), NOW);

        assertEquals(1, deliveries.settleByWireId(bobPhone.getId(), ConversationKind.NOTICES, groupNotice.getWireId()));
        assertEquals(1, deliveries.settleByWireId(bobPhone.getId(), ConversationKind.NOTICES, notice.getWireId()));
        assertEquals(0, deliveries.settleByWireId(bobPhone.getId(), ConversationKind.NOTICES, groupChat.getWireId()));
        assertEquals(1, deliveries.settleByWireId(bobPhone.getId(), ConversationKind.GROUP, groupChat.getWireId()));

        assertEquals(ids(alicePhone, aliceLaptop, bobTablet), messageData.recipients(groupNotice));
        assertEquals(ids(bobTablet), messageData.recipients(notice));
        assertEquals(ids(aliceLaptop, bobTablet), messageData.recipients(groupChat));
    }

    /**
     * The ack group commit and dialect B's written copies: rows named by (device, message), padded;
     * the same message on another device, or another message on the same device, stays.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 17})
    void settle_deletesExactlyTheseRows(int keys) {
        Conversation conversation = direct(alicePhone, bobPhone);
        List<Device> devices = List.of(bobPhone, bobTablet, aliceLaptop);
        List<DeviceMessage> settled = new ArrayList<>();
        Set<DeviceMessage> kept = new HashSet<>();
        for (int i = 0; settled.size() < keys; i++) {
            Message message = deliver(messageData.send(conversation, alicePhone, i));
            for (Device device : devices) {
                DeviceMessage copy = new DeviceMessage(device.getId(), message.getId());
                if (settled.size() < keys && (i + devices.indexOf(device)) % 2 == 0) {
                    settled.add(copy);
                } else {
                    kept.add(copy);
                }
            }
        }

        deliveries.settle(settled);

        assertEquals(kept, rowsOf(conversation));
    }

    @Test
    void settle_moreRowsThanOneStatement() {
        Conversation conversation = direct(alicePhone, bobPhone);
        List<DeviceMessage> settled = new ArrayList<>();
        for (int i = 0; i < 260; i++) {
            Message message = deliver(messageData.send(conversation, alicePhone, i));
            settled.add(new DeviceMessage(bobPhone.getId(), message.getId()));
            settled.add(new DeviceMessage(bobTablet.getId(), message.getId()));
        }

        deliveries.settle(settled);

        assertEquals(Set.of(aliceLaptop.getId()), Set.copyOf(rowsOf(conversation).stream().map(DeviceMessage::deviceId).toList()));
        assertEquals(260, rowsOf(conversation).size());
    }

    // --- backlog bounds and figures ---------------------------------------------------------

    @Test
    void trimBacklogs_keepsEachDevicesNewestRows() {
        Conversation conversation = direct(alicePhone, bobPhone);
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Message message = messageData.send(conversation, alicePhone, i);
            // Bob's phone got all five, at increasing times; his tablet only the last two.
            deliveries.addForDirect(List.of(message), NOW.plusSeconds(i));
            sent.add(message);
        }
        deliveries.settle(sent.subList(0, 3).stream().map(m -> new DeviceMessage(bobTablet.getId(), m.getId())).toList());
        deliveries.settle(sent.stream().map(m -> new DeviceMessage(aliceLaptop.getId(), m.getId())).toList());

        assertEquals(3, deliveries.trimBacklogs(2));

        assertEquals(ids(sent.subList(3, 5)), deliveries.backlog(bobPhone.getId(), 10).stream().map(PendingMessage::messageId).toList());
        assertEquals(ids(sent.subList(3, 5)), deliveries.backlog(bobTablet.getId(), 10).stream().map(PendingMessage::messageId).toList());
        assertEquals(0, deliveries.trimBacklogs(2));
    }

    @Test
    void trimBacklogs_atTheSameTime_theHigherMessageIdIsNewer() {
        Conversation conversation = direct(alicePhone, bobPhone);
        Message older = deliver(messageData.send(conversation, alicePhone, 1));
        Message newer = deliver(messageData.send(conversation, alicePhone, 2));

        deliveries.trimBacklogs(1);

        assertEquals(List.of(newer.getId()), deliveries.backlog(bobPhone.getId(), 10).stream().map(PendingMessage::messageId).toList());
        assertEquals(Set.of(), messageData.recipients(older));
    }

    @Test
    void expireOlderThan_dropsRowsBeforeTheCutoff_keepsTheRest() {
        Conversation conversation = direct(alicePhone, bobPhone);
        Instant past = Instant.parse("2001-01-01T00:00:00Z");
        Message old = messageData.send(conversation, alicePhone, 1);
        deliveries.addForDirect(List.of(old), past);
        Message atCutoff = messageData.send(conversation, alicePhone, 2);
        deliveries.addForDirect(List.of(atCutoff), past.plusSeconds(60));

        assertEquals(3, deliveries.expireOlderThan(past.plusSeconds(60)));

        assertEquals(Set.of(), messageData.recipients(old));
        assertEquals(ids(aliceLaptop, bobPhone, bobTablet), messageData.recipients(atCutoff));
    }

    @Test
    void backlogFigures_countRowsAndDevices_andTheLargestBacklog() {
        BacklogFigures before = deliveries.backlogFigures();
        Conversation conversation = direct(alicePhone, bobPhone);
        Message one = deliver(messageData.send(conversation, alicePhone, 1));
        deliver(messageData.send(conversation, alicePhone, 2));
        deliveries.settle(List.of(new DeviceMessage(aliceLaptop.getId(), one.getId())));

        BacklogFigures after = deliveries.backlogFigures();

        // 2 + 2 rows for Bob's devices, 1 for Alice's laptop, on three devices.
        assertEquals(new BacklogFigures(before.pending() + 5, before.devices() + 3, Math.max(before.largest(), 2)), after);
    }

    /**
     * The sweep's query: per connected device of the node and conversation, the newest pending seq —
     * not the devices of another node, not a device without a socket, not a settled copy.
     */
    @Test
    void pendingHeads_newestPendingSeqPerConversationOfTheNodesConnectedDevices() {
        String node = TestData.unique("node");
        Conversation withBob = direct(alicePhone, bobPhone);
        Conversation withCarol = direct(carolPhone, bobPhone);
        deliver(messageData.send(withBob, alicePhone, 1));
        Message second = deliver(messageData.send(withBob, alicePhone, 2));
        Message third = deliver(messageData.send(withBob, alicePhone, 3));
        Message fromCarol = deliver(messageData.send(withCarol, carolPhone, 4));
        deliveries.settle(List.of(new DeviceMessage(bobTablet.getId(), third.getId())));
        data.connect(bobPhone, node);
        data.connect(bobTablet, node);
        data.connect(aliceLaptop, TestData.unique("other-node"));

        Set<PendingHead> heads = new HashSet<>(deliveries.pendingHeads(node));

        long bob = bobPhone.getUser().getId();
        assertEquals(Set.of(new PendingHead(bob, bobPhone.getId(), withBob.getId(), third.getSeq()),
                new PendingHead(bob, bobPhone.getId(), withCarol.getId(), fromCarol.getSeq()),
                new PendingHead(bob, bobTablet.getId(), withBob.getId(), second.getSeq()),
                new PendingHead(bob, bobTablet.getId(), withCarol.getId(), fromCarol.getSeq())), heads);
        assertEquals(List.of(), deliveries.pendingHeads(TestData.unique("idle-node")));
    }

    /** A revoke is owed to every device of both users but the revoking one, read back for its frame, and settled. */
    @Test
    void revokesOfADirectMessage_owedToEveryDeviceButTheRevokingOne_untilSettled() {
        Message message = deliver(messageData.send(direct(alicePhone, bobPhone), alicePhone, 1));
        message.revoke("{}", 99);
        em.flush();

        assertEquals(3, deliveries.addRevokeForDirect(message.getId(), alicePhone.getId(), NOW));
        assertEquals(0, deliveries.addRevokeForDirect(message.getId(), alicePhone.getId(), NOW), "owed once");

        List<PendingRevoke> bobs = deliveries.pendingRevokes(bobTablet.getId());
        assertEquals(List.of(new PendingRevoke(message.getId(), message.getWireId(), alicePhone.getUser().getId(),
                ConversationKind.DIRECT, bobPhone.getUser().getId(), null, 99)), bobs);
        assertEquals(List.of(), deliveries.pendingRevokes(alicePhone.getId()), "not the revoking device");
        assertEquals(1, deliveries.pendingRevokes(aliceLaptop.getId()).size());

        String node = TestData.unique("node");
        data.connect(bobTablet, node);
        data.connect(carolPhone, node);
        assertEquals(List.of(new DeviceMessage(bobTablet.getId(), message.getId())), deliveries.pendingRevokesOn(node));

        assertEquals(1, deliveries.settleRevokes(bobTablet.getId(), List.of(message.getId())));
        assertEquals(List.of(), deliveries.pendingRevokes(bobTablet.getId()));
        assertEquals(List.of(), deliveries.pendingRevokesOn(node));
        assertEquals(1, deliveries.pendingRevokes(bobPhone.getId()).size(), "the other devices still owed theirs");
    }

    @Test
    void revokesOfAGroupMessage_owedToEveryMembersDevicesButTheRevokingOne() {
        ChatGroup group = data.group(alicePhone.getUser());
        data.member(group, alicePhone.getUser(), Role.OWNER, 0);
        data.member(group, bobPhone.getUser(), Role.MEMBER, 0);
        Message message = groupMessage(group, ConversationKind.GROUP, alicePhone);

        assertEquals(3, deliveries.addRevokeForGroup(message.getId(), group.getId(), alicePhone.getId(), NOW));

        PendingRevoke owed = deliveries.pendingRevokes(bobPhone.getId()).get(0);
        assertEquals(group.getId(), owed.groupId());
        assertEquals(ConversationKind.GROUP, owed.kind());
        assertEquals(List.of(), deliveries.pendingRevokes(carolPhone.getId()), "not a member");
    }

    // ----------------------------------------------------------------------------------------

    private Conversation direct(Device a, Device b) {
        return messageData.direct(a.getUser().getId(), b.getUser().getId());
    }

    /** The message's delivery rows, as the send path makes them (Alice ↔ Bob, minus the sending device). */
    private Message deliver(Message message) {
        deliveries.addForDirect(List.of(message), NOW);
        return message;
    }

    private Message groupMessage(ChatGroup group, ConversationKind kind, Device from) {
        Message message = messageData.send(conversations.lockGroupConversation(kind, group.getId()), from, 1);
        deliveries.addForGroup(message, group.getId(), kind == ConversationKind.GROUP ? from.getId() : -1, NOW);
        return message;
    }

    @SuppressWarnings("unchecked")
    private Set<DeviceMessage> rowsOf(Conversation conversation) {
        List<Object[]> rows = em.createNativeQuery("SELECT device_id, message_id FROM delivery WHERE conversation_id = ?1")
                .setParameter(1, conversation.getId()).getResultList();
        Set<DeviceMessage> copies = new HashSet<>();
        rows.forEach(row -> copies.add(new DeviceMessage(((Number) row[0]).longValue(), ((Number) row[1]).longValue())));
        return copies;
    }

    private static Set<Long> ids(Device... devices) {
        Set<Long> ids = new HashSet<>();
        for (Device device : devices) {
            ids.add(device.getId());
        }
        return ids;
    }

    private static List<Long> ids(List<Message> messages) {
        return messages.stream().map(Message::getId).toList();
    }
}
