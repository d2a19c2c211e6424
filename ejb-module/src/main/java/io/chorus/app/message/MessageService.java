package io.chorus.app.message;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.friend.FriendService;
import io.chorus.app.identity.PublicIds;
import io.chorus.app.metrics.NodeMetrics;
import io.chorus.app.message.MessageViews.ChatSend;
import io.chorus.app.message.MessageViews.DirectSend;
import io.chorus.app.message.MessageViews.SendOutcome;
import io.chorus.app.message.MessageViews.Recipient;
import io.chorus.app.message.MessageViews.RevokeReceipt;
import io.chorus.app.message.MessageViews.SendReceipt;
import io.chorus.app.event.EventPublisher;
import io.chorus.app.event.RevokedMessage;
import io.chorus.app.event.StoredMessages;
import io.chorus.domain.account.AccountRepository;
import io.chorus.domain.group.GroupMember;
import io.chorus.domain.group.GroupRepository;
import io.chorus.domain.message.Conversation;
import io.chorus.domain.message.ConversationKind;
import io.chorus.domain.message.Message;
import io.chorus.domain.message.ConversationRepository;
import io.chorus.domain.message.ConversationRepository.UserPair;
import io.chorus.domain.message.DeliveryRepository;
import io.chorus.domain.message.MessageRepository;
import io.chorus.domain.message.MessageRepository.SenderWireId;
import io.chorus.domain.friend.FriendRepository.Edge;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
    private static final Logger LOG = Logger.getLogger(MessageService.class.getName());

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
    @ConfigProperty(name = "chorus.message.revoke-window-seconds")
    long revokeWindowSeconds;

    @Inject
    @ConfigProperty(name = "chorus.c2c.requireFriendship")
    boolean requireFriendship;

    /** What a revoked message's payload becomes (the peer_revoked stub of the Erlang server). */
    public static final String REVOKED_PAYLOAD = "{\"msg_type\":\"custom\",\"custom_type\":\"peer_revoked\"}";

    /**
     * Stores a one-to-one message, or answers a retry with the original receipt. The friendship gate
     * applies to new messages only: a retry of a message stored before an unfriending still gets
     * its ack. With the gate on, an unknown recipient looks like any stranger ({@code not_a_friend}).
     */
    public SendReceipt sendDirect(Caller sender, ChatSend send) {
        long recipientId = recipient(send.to());
        Conversation conversation = conversations.lockDirectConversation(sender.userId(), recipientId);
        // Under the conversation lock a retry of the same id finds the original, never a second seq.
        return messages.findBySender(sender.userId(), send.wireId())
                .map(MessageService::receipt)
                .orElseGet(() -> {
                    if (requireFriendship) {
                        friends.checkMaySend(sender.userId(), recipientId);
                    }
                    return store(sender, recipientId, conversation, send);
                });
    }

    /**
     * A batch of one-to-one sends in one transaction ({@link DirectSends}): each send gets what
     * {@link #sendDirect} would have given it alone, in order, and the checks are made once for the
     * whole batch (one query each for the recipients, the conversation locks, retries and the
     * friendship gate; one insert of the messages and one of all their delivery rows). A refused
     * send is an outcome, not an exception, so it does not roll back the others. The same id twice
     * from one user gets one message, as a retry would.
     */
    public List<SendOutcome> sendDirectBatch(List<DirectSend> batch) {
        int size = batch.size();
        SendOutcome[] outcomes = new SendOutcome[size];
        long[] recipients = new long[size];
        for (int i = 0; i < size; i++) {
            try {
                recipients[i] = ids.decode(batch.get(i).send().to());
            } catch (ChorusException notAnId) {
                outcomes[i] = SendOutcome.refused(noSuchRecipient());
            }
        }
        Set<Long> existing = accounts.existingUserIds(IntStream.range(0, size).filter(i -> outcomes[i] == null)
                .mapToObj(i -> recipients[i]).distinct().toList());
        List<Integer> accepted = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            if (outcomes[i] == null && !existing.contains(recipients[i])) {
                outcomes[i] = SendOutcome.refused(noSuchRecipient());
            } else if (outcomes[i] == null) {
                accepted.add(i);
            }
        }
        if (!accepted.isEmpty()) {
            store(batch, recipients, accepted, outcomes);
        }
        return Arrays.asList(outcomes);
    }

    private static SenderWireId key(DirectSend item) {
        return new SenderWireId(item.sender().userId(), item.send().wireId());
    }

    /** Stores the accepted sends of a batch, each first of its key and to an existing user. */
    private void store(List<DirectSend> batch, long[] recipients, List<Integer> accepted, SendOutcome[] outcomes) {
        // Only existing conversations are locked here: a retry's original is in one, and a refused
        // send must leave nothing behind, not even a new empty conversation.
        Map<UserPair, Conversation> locked = conversations.lockDirectConversations(accepted.stream()
                .map(i -> pair(batch.get(i), recipients[i])).collect(Collectors.toSet()));
        // Under the conversation locks a retry finds its original, never a second seq.
        Map<SenderWireId, Message> originals = messages.findBySenders(accepted.stream().map(i -> key(batch.get(i))).toList());
        Map<Edge, ErrorCode> refusals = requireFriendship
                ? friends.refusals(accepted.stream().map(i -> new Edge(recipients[i], batch.get(i).sender().userId()))
                        .distinct().toList())
                : Map.of();
        List<Integer> toStore = new ArrayList<>();
        // A send repeating the id of one stored a moment ago in this batch is its retry.
        Map<SenderWireId, Integer> storedHere = new HashMap<>();
        Map<Integer, Integer> retryOf = new HashMap<>();
        for (int i : accepted) {
            SenderWireId key = key(batch.get(i));
            Message original = originals.get(key);
            ErrorCode refusal = refusals.get(new Edge(recipients[i], batch.get(i).sender().userId()));
            if (storedHere.containsKey(key)) {
                retryOf.put(i, storedHere.get(key));
            } else if (original != null) {
                outcomes[i] = SendOutcome.stored(receipt(original));
            } else if (refusal != null) {
                outcomes[i] = SendOutcome.refused(new ChorusException(refusal));
            } else {
                toStore.add(i);
                storedHere.put(key, i);
            }
        }
        if (toStore.isEmpty()) {
            return;
        }
        Set<UserPair> firstMessages = toStore.stream().map(i -> pair(batch.get(i), recipients[i]))
                .filter(pair -> !locked.containsKey(pair)).collect(Collectors.toSet());
        locked.putAll(conversations.createDirectConversations(firstMessages));
        Instant now = Instant.now();
        List<Message> fresh = new ArrayList<>(toStore.size());
        for (int i : toStore) {
            Caller sender = batch.get(i).sender();
            ChatSend send = batch.get(i).send();
            Conversation conversation = locked.get(pair(batch.get(i), recipients[i]));
            fresh.add(new Message(conversation.getId(), conversation.nextSeq(), sender.userId(), sender.deviceId(),
                    send.wireId(), send.payloadJson(), send.createdAt(), now.toEpochMilli()));
        }
        messages.saveAll(fresh);
        deliveries.addForDirect(fresh, now);
        for (int m = 0; m < fresh.size(); m++) {
            Message message = fresh.get(m);
            int i = toStore.get(m);
            Caller sender = batch.get(i).sender();
            metrics.sent();
            events.publish(StoredMessages.direct(message, sender.uid(), batch.get(i).send().to(), recipients[i]));
            outcomes[i] = SendOutcome.stored(receipt(message));
        }
        retryOf.forEach((retry, first) -> outcomes[retry] = outcomes[first]);
    }

    private static UserPair pair(DirectSend item, long recipientId) {
        return UserPair.of(item.sender().userId(), recipientId);
    }

    /**
     * Dialect B's {@code Cmd_Msg}: one message to several users and groups (its {@code to} and
     * {@code cc}), stored for all of them in this one transaction or for none, with the same checks
     * as a single send. Each copy gets a fresh XID: a JIM client's own id is temporary and may repeat,
     * so it cannot make the send idempotent. A recipient named twice gets one copy.
     */
    public List<SendReceipt> sendToAll(Caller sender, List<Recipient> recipients, String payloadJson, long createdAt) {
        if (recipients.isEmpty()) {
            throw ChorusException.invalid("a message needs a recipient");
        }
        return new LinkedHashSet<>(recipients).stream().map(recipient -> {
            ChatSend send = new ChatSend(Xids.next(), recipient.publicId(), payloadJson, createdAt);
            return recipient.type() == ConversationKind.GROUP ? sendGroup(sender, send) : sendDirect(sender, send);
        }).toList();
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
                    Instant now = Instant.now();
                    Message message = messages.save(new Message(conversation.getId(), conversation.nextSeq(), sender.userId(),
                            sender.deviceId(), send.wireId(), send.payloadJson(), send.createdAt(), now.toEpochMilli()));
                    deliveries.addForGroup(message, groupId, sender.deviceId(), now);
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

    private SendReceipt store(Caller sender, long recipientId, Conversation conversation, ChatSend send) {
        Instant now = Instant.now();
        Message message = messages.save(new Message(conversation.getId(), conversation.nextSeq(), sender.userId(),
                sender.deviceId(), send.wireId(), send.payloadJson(), send.createdAt(), now.toEpochMilli()));
        int devices = deliveries.addForDirect(message, recipientId, sender.userId(), sender.deviceId(), now);
        metrics.sent();
        events.publish(StoredMessages.direct(message, sender.uid(), send.to(), recipientId));
        LOG.fine(() -> "Stored message " + message.getId() + " seq " + message.getSeq() + " of conversation "
                + conversation.getId() + " for " + devices + " devices");
        return receipt(message);
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
        if (!message.isRevoked()) {
            if (now - message.getServerTs() > revokeWindowSeconds * 1000) {
                throw new ChorusException(ErrorCode.REVOKE_TOO_LATE);
            }
            message.revoke(REVOKED_PAYLOAD, now);
            events.publish(new RevokedMessage(conversation.getKind(), message.getWireId(), author.uid(), to, now,
                    author.deviceId(), userIds));
        }
        return new RevokeReceipt(message.getWireId(), now);
    }

    private long recipient(String toUid) {
        long id;
        try {
            id = ids.decode(toUid);
        } catch (ChorusException unknown) {
            throw noSuchRecipient();
        }
        if (accounts.findUser(id).isEmpty()) {
            throw noSuchRecipient();
        }
        return id;
    }

    private ChorusException noSuchRecipient() {
        return requireFriendship ? new ChorusException(ErrorCode.NOT_A_FRIEND)
                : new ChorusException(ErrorCode.NOT_FOUND, "No such recipient.");
    }

    private static SendReceipt receipt(Message message) {
        return new SendReceipt(message.getWireId(), message.getServerTs(), message.getSeq(), message.getId());
    }
}
