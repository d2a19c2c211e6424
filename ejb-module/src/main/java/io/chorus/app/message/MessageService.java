package io.chorus.app.message;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.event.EventPublisher;
import io.chorus.app.event.RevokedMessage;
import io.chorus.app.event.StoredMessages;
import io.chorus.app.file.FileCatalog;
import io.chorus.app.file.FileViews.FileUse;
import io.chorus.app.friend.FriendService;
import io.chorus.app.identity.PublicIds;
import io.chorus.app.message.DirectBatch.NewMessage;
import io.chorus.app.message.MessageViews.ChatSend;
import io.chorus.app.message.MessageViews.DirectSend;
import io.chorus.app.message.MessageViews.Recipient;
import io.chorus.app.message.MessageViews.RevokeReceipt;
import io.chorus.app.message.MessageViews.SendOutcome;
import io.chorus.app.message.MessageViews.SendReceipt;
import io.chorus.app.metrics.NodeMetrics;
import io.chorus.domain.account.AccountRepository;
import io.chorus.domain.group.GroupMember;
import io.chorus.domain.group.GroupRepository;
import io.chorus.domain.message.Conversation;
import io.chorus.domain.message.ConversationKind;
import io.chorus.domain.message.ConversationRepository.UserPair;
import io.chorus.domain.message.ConversationRepository;
import io.chorus.domain.message.DeliveryRepository;
import io.chorus.domain.message.Message;
import io.chorus.domain.message.MessageRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Storing messages (SPEC §5): one transaction per send that assigns the conversation's next seq,
 * stores the message once and a delivery row per recipient device, and fires the delivery event,
 * which leaves once the transaction committed. The caller answers the client only after this method
 * returned, i.e. after the commit. One-to-one sends from sockets come in batches instead
 * ({@link #sendDirectBatch}, through {@link DirectSends}): the same rules, one transaction per batch.
 */
@Stateless
public class MessageService {
    @Inject
    ConversationRepository conversations;

    @Inject
    MessageRepository messages;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    AccountRepository accounts;

    @Inject
    PublicIds ids;

    @Inject
    EventPublisher events;

    @Inject
    FriendService friends;

    @Inject
    GroupRepository groups;

    @Inject
    NodeMetrics metrics;

    @Inject
    FileCatalog files;

    @Inject
    @ConfigProperty(name = "chorus.message.revoke-window-seconds")
    long revokeWindowSeconds;

    @Inject
    @ConfigProperty(name = "chorus.c2c.requireFriendship")
    boolean requireFriendship;

    /** Who may mention {@code @all} in a group: {@code admins} (the owner and admins), {@code members}, {@code nobody}. */
    @Inject
    @ConfigProperty(name = "chorus.message.mention-all", defaultValue = "admins")
    String mentionAll;

    /** What a revoked message's payload becomes (the peer_revoked stub of the Erlang server). */
    public static final String REVOKED_PAYLOAD = "{\"msg_type\":\"custom\",\"custom_type\":\"peer_revoked\"}";

    /**
     * Stores a one-to-one message, or answers a retry with the original receipt: a batch of one
     * ({@link #sendDirectBatch}), so the rules are the batch's ({@link DirectBatch}); a refusal is
     * thrown and rolls the transaction back. The friendship gate applies to new messages only: a
     * retry of a message stored before an unfriending still gets its ack. With the gate on, an
     * unknown recipient looks like any stranger ({@code not_a_friend}).
     */
    public SendReceipt sendDirect(Caller sender, ChatSend send) {
        SendOutcome outcome = sendDirectBatch(List.of(new DirectSend(sender, send))).get(0);
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        return outcome.receipt();
    }

    /**
     * One-to-one sends in one transaction, each answered as if it had come alone, in order
     * ({@link DirectBatch}); from sockets they come in batches ({@link DirectSends}). The checks are
     * made once for the whole batch: one query each for the recipients, the conversation locks (in
     * id order), retries and the friendship gate; one insert of the messages and one of all their
     * delivery rows. A refused send is an outcome, not an exception, so it does not roll back the
     * others.
     */
    public List<SendOutcome> sendDirectBatch(List<DirectSend> sends) {
        DirectBatch batch = new DirectBatch(sends, this::noSuchRecipient);
        batch.address(ids::decode, accounts::existingUserIds);
        if (!batch.anyAccepted()) {
            return batch.outcomes();
        }
        // Only existing conversations are locked here: a retry's original is in one, and a refused
        // send must leave nothing behind, not even a new empty conversation.
        Map<UserPair, Conversation> locked = conversations.lockDirectConversations(batch.pairs());
        // Under the conversation locks a retry finds its original, never a second seq.
        List<FileUse> fileUses = batch.fileUses();
        batch.decide(messages.findBySenders(batch.keys()),
                requireFriendship ? friends.refusals(batch.gateEdges()) : Map.of(),
                fileUses.isEmpty() ? Set.of() : files.refusedUses(fileUses),
                (send, pair) -> directReferenceRefusal(send, locked.get(pair)));
        if (!batch.anyToStore()) {
            return batch.outcomes();
        }
        Set<UserPair> created = batch.firstMessages(locked.keySet());
        if (!created.isEmpty()) {
            locked.putAll(conversations.createDirectConversations(created));
            batch.originalsFound(messages.findBySenders(batch.keysIn(created)));
        }
        Instant now = Instant.now();
        List<NewMessage> fresh = batch.newMessages(locked, now.toEpochMilli());
        if (!fresh.isEmpty()) {
            List<Message> stored = fresh.stream().map(NewMessage::message).toList();
            messages.saveAll(stored);
            deliveries.addForDirect(stored, now);
            if (!fileUses.isEmpty()) {
                files.markReferenced(fresh.stream().flatMap(m -> FileReferences.fileId(m.message().getPayload()).stream()).toList(),
                        now.toEpochMilli());
            }
        }
        for (NewMessage message : fresh) {
            metrics.sent();
            events.publish(StoredMessages.direct(message.message(), message.send().sender().uid(), message.send().send().to(),
                    message.recipientId()));
        }
        return batch.outcomes();
    }

    /**
     * Dialect B's {@code Cmd_Msg}: one message to several users and groups (its {@code to} and
     * {@code cc}), stored for all of them in this one transaction or for none, with the same checks
     * as a single send. Each copy gets a fresh XID: a JIM client's own id is temporary and may repeat,
     * so it cannot make the send idempotent. A recipient named twice gets one copy.
     *
     * <p>The attempt says whether a failure came before the commit (nothing stored, for certain) or
     * with it: the connection lost between PostgreSQL's commit and its reply leaves the outcome
     * unknown, and the attempt's wire id (the first copy's; all copies commit together) lets
     * {@link #receiptOf} find out later ({@link SendOutcomes}).
     */
    public List<SendReceipt> sendToAll(Caller sender, List<Recipient> recipients, SendAttempt attempt, String payloadJson,
                                       long createdAt) {
        if (recipients.isEmpty()) {
            throw ChorusException.invalid("a message needs a recipient");
        }
        List<SendReceipt> receipts = new ArrayList<>();
        for (Recipient recipient : new LinkedHashSet<>(recipients)) {
            ChatSend send = new ChatSend(receipts.isEmpty() ? attempt.wireId() : Xids.next(), recipient.publicId(), payloadJson,
                    createdAt);
            receipts.add(recipient.type() == ConversationKind.GROUP ? sendGroup(sender, send) : sendDirect(sender, send));
        }
        messages.flushChanges();
        attempt.committing();
        return receipts;
    }

    /** The receipt of the sender's message with this wire id, if it is stored. */
    public Optional<SendReceipt> receiptOf(long senderId, String wireId) {
        return messages.findBySender(senderId, wireId).map(MessageService::receipt);
    }

    /**
     * Stores a group message once, with a delivery row per device of every member but the sending
     * device, or answers a retry with the original receipt. Only members who are not muted send;
     * anyone else, and an unknown group, get {@code not_a_member}, and nothing is stored.
     */
    public SendReceipt sendGroup(Caller sender, ChatSend send) {
        long groupId = ids.decodeGroupOr(send.to(), () -> new ChorusException(ErrorCode.NOT_A_MEMBER));
        if (groups.find(groupId).isEmpty()) {
            throw new ChorusException(ErrorCode.NOT_A_MEMBER);
        }
        // The lock membership changes take too: the member list is fixed until this commits.
        Conversation conversation = conversations.lockGroupConversation(ConversationKind.GROUP, groupId);
        GroupMember member = groups.member(groupId, sender.userId())
                .orElseThrow(() -> new ChorusException(ErrorCode.NOT_A_MEMBER));
        return messages.findBySender(sender.userId(), send.wireId())
                .map(MessageService::receipt)
                .orElseGet(() -> {
                    if (member.isMuted()) {
                        throw new ChorusException(ErrorCode.MUTED);
                    }
                    FileReferences.fileId(send.payloadJson())
                            .map(fileId -> new FileUse(fileId, sender.userId(), true, groupId))
                            .filter(use -> !files.refusedUses(List.of(use)).isEmpty())
                            .ifPresent(use -> {
                                throw new ChorusException(ErrorCode.ATTACHMENT_REFUSED);
                            });
                    PayloadReferences references = PayloadReferences.of(send.payloadJson());
                    references.replySeq().ifPresent(seq -> checkReply(conversation, seq, member.getJoinedSeq()));
                    List<Long> mentioned = mentionedMembers(references, member, groupId);
                    Instant now = Instant.now();
                    Message message = messages.save(new Message(conversation.getId(), conversation.nextSeq(), sender.userId(),
                            sender.deviceId(), send.wireId(), send.payloadJson(), send.createdAt(), now.toEpochMilli()));
                    deliveries.addForGroup(message, groupId, sender.deviceId(), now);
                    if (references.mentionsAll()) {
                        messages.addMentionOfAll(conversation.getId(), message.getSeq(), groupId, sender.userId());
                    } else if (!mentioned.isEmpty()) {
                        messages.addMentions(conversation.getId(), message.getSeq(), mentioned);
                    }
                    FileReferences.fileId(send.payloadJson()).ifPresent(fileId -> files.markReferenced(List.of(fileId), now.toEpochMilli()));
                    metrics.sent();
                    events.publish(StoredMessages.group(message, sender.uid(), send.to(), groups.memberIds(groupId)));
                    return receipt(message);
                });
    }

    /**
     * The author takes a group message back, within the window: every member's online devices but
     * the revoking one get {@code C2G_REVOKE}; history and backlogs show the stub.
     */
    public RevokeReceipt revokeGroup(Caller author, String wireId, String gid) {
        Message message = messages.findBySender(author.userId(), wireId)
                .orElseThrow(() -> new ChorusException(ErrorCode.UNKNOWN_MESSAGE));
        long groupId = ids.decodeGroupOr(gid, () -> new ChorusException(ErrorCode.UNKNOWN_MESSAGE));
        Conversation conversation = conversations.findGroup(groupId)
                .filter(c -> c.getId() == message.getConversationId())
                .orElseThrow(() -> new ChorusException(ErrorCode.UNKNOWN_MESSAGE));
        return revoke(author, message, conversation, gid, groups.memberIds(groupId));
    }

    /**
     * The author takes a message back (SPEC §4): within the configured window, its content becomes
     * the revoke stub everywhere it is read, and online devices of both users are told. Revoking
     * twice answers the same; another user's message is as unknown as a missing one.
     */
    public RevokeReceipt revokeDirect(Caller author, String wireId, String toUid) {
        Message message = messages.findBySender(author.userId(), wireId)
                .orElseThrow(() -> new ChorusException(ErrorCode.UNKNOWN_MESSAGE));
        long peer = ids.decodeOr(toUid, () -> new ChorusException(ErrorCode.UNKNOWN_MESSAGE));
        Conversation conversation = conversations.findDirect(author.userId(), peer)
                .filter(c -> c.getId() == message.getConversationId())
                .orElseThrow(() -> new ChorusException(ErrorCode.UNKNOWN_MESSAGE));
        return revoke(author, message, conversation, toUid, List.of(peer, author.userId()));
    }

    private RevokeReceipt revoke(Caller author, Message message, Conversation conversation, String to, List<Long> userIds) {
        long now = Instant.now().toEpochMilli();
        if (new RevokeWindow(revokeWindowSeconds).revokeNow(message.isRevoked(), message.getServerTs(), now)) {
            // The file a revoked message named stops being served (docs/FILES.md).
            FileReferences.fileId(message.getPayload()).ifPresent(fileId -> files.revoke(fileId, now));
            message.revoke(REVOKED_PAYLOAD, now);
            if (conversation.getGroupId() != null) {
                messages.dropMentions(conversation.getId(), message.getSeq());
            }
            // Owed to every other device until written to it, whatever happens to the event.
            if (conversation.getGroupId() != null) {
                deliveries.addRevokeForGroup(message.getId(), conversation.getGroupId(), author.deviceId(), Instant.ofEpochMilli(now));
            } else {
                deliveries.addRevokeForDirect(message.getId(), author.deviceId(), Instant.ofEpochMilli(now));
            }
            events.publish(new RevokedMessage(message.getId(), conversation.getKind(), message.getWireId(), author.uid(), to, now,
                    author.deviceId(), userIds));
        }
        return new RevokeReceipt(message.getWireId(), now);
    }

    /**
     * A one-to-one send's references ({@link PayloadReferences}): mentions are for groups; a reply
     * must name a message of this conversation ({@code conversation}: null before its first message)
     * that is not revoked. Null when they are fine.
     */
    private ChorusException directReferenceRefusal(DirectSend send, Conversation conversation) {
        try {
            PayloadReferences references = PayloadReferences.of(send.send().payloadJson());
            if (references.mentionsAnyone()) {
                return new ChorusException(ErrorCode.MENTION_REFUSED, "Mentions are for group messages.");
            }
            references.replySeq().ifPresent(seq -> {
                if (conversation == null) {
                    throw new ChorusException(ErrorCode.REPLY_REFUSED);
                }
                checkReply(conversation, seq, 0);
            });
            return null;
        } catch (ChorusException refused) {
            return refused;
        }
    }

    /** The message replied to is in the conversation, after {@code fromSeq} (a member's join), and not revoked. */
    private void checkReply(Conversation conversation, long seq, long fromSeq) {
        if (seq <= fromSeq || seq > conversation.getLastSeq()
                || messages.findAt(conversation.getId(), seq).filter(m -> !m.isRevoked()).isEmpty()) {
            throw new ChorusException(ErrorCode.REPLY_REFUSED);
        }
    }

    /**
     * The user ids a group send mentions by uid, each a current member ({@code mention_refused}
     * otherwise); the sender mentioning itself is left out. An {@code @all} needs the role
     * {@code chorus.message.mention-all} asks for.
     */
    private List<Long> mentionedMembers(PayloadReferences references, GroupMember sender, long groupId) {
        if (references.mentionsAll() && !mayMentionAll(sender)) {
            throw new ChorusException(ErrorCode.MENTION_REFUSED, "You may not mention @all in this group.");
        }
        if (references.mentionedUids().isEmpty()) {
            return List.of();
        }
        Set<Long> members = new java.util.HashSet<>(groups.memberIds(groupId));
        List<Long> mentioned = new java.util.ArrayList<>();
        for (String uid : references.mentionedUids()) {
            long userId = ids.decodeOr(uid, () -> new ChorusException(ErrorCode.MENTION_REFUSED, "Only members can be mentioned."));
            if (!members.contains(userId)) {
                throw new ChorusException(ErrorCode.MENTION_REFUSED, "Only members can be mentioned.");
            }
            if (userId != sender.getUserId() && !mentioned.contains(userId)) {
                mentioned.add(userId);
            }
        }
        return mentioned;
    }

    private boolean mayMentionAll(GroupMember sender) {
        return switch (mentionAll) {
            case "members" -> true;
            case "nobody" -> false;
            default -> sender.getRole() != GroupMember.Role.MEMBER;
        };
    }

    static SendReceipt receipt(Message message) {
        return new SendReceipt(message.getWireId(), message.getServerTs(), message.getSeq(), message.getId());
    }

    private ChorusException noSuchRecipient() {
        return requireFriendship ? new ChorusException(ErrorCode.NOT_A_FRIEND)
                : new ChorusException(ErrorCode.NOT_FOUND, "No such recipient.");
    }
}
