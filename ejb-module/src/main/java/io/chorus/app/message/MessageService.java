package io.chorus.app.message;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.friend.FriendService;
import io.chorus.app.identity.PublicIds;
import io.chorus.app.metrics.NodeMetrics;
import io.chorus.app.message.MessageViews.ChatSend;
import io.chorus.app.message.MessageViews.Recipient;
import io.chorus.app.message.MessageViews.RevokeReceipt;
import io.chorus.app.message.MessageViews.SendReceipt;
import io.chorus.app.push.EventPublisher;
import io.chorus.app.push.RevokedMessage;
import io.chorus.app.push.StoredMessage;
import io.chorus.domain.account.AccountRepository;
import io.chorus.domain.group.GroupMember;
import io.chorus.domain.group.GroupRepository;
import io.chorus.domain.message.Conversation;
import io.chorus.domain.message.Message;
import io.chorus.domain.message.MessageRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Storing messages (SPEC §5): one transaction per send that assigns the conversation's next seq,
 * stores the message once and a delivery row per recipient device, and fires the delivery event,
 * which leaves once the transaction committed. The caller answers the client only after this method
 * returned, i.e. after the commit.
 */
@Stateless
public class MessageService {
    private static final Logger LOG = Logger.getLogger(MessageService.class.getName());

    @Inject
    MessageRepository messages;

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
        Conversation conversation = messages.lockDirectConversation(sender.userId(), recipientId);
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
            return Conversation.GROUP.equals(recipient.type()) ? sendGroup(sender, send) : sendDirect(sender, send);
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
        Conversation conversation = messages.lockGroupConversation(Conversation.GROUP, groupId);
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
                    messages.addGroupDeliveries(message, groupId, sender.deviceId(), now);
                    metrics.sent();
                    events.publish(new StoredMessage(message.getId(), Conversation.GROUP, conversation.getId(), message.getSeq(),
                            message.getWireId(), sender.uid(), send.to(), message.getPayload(), message.getCreatedAt(),
                            message.getServerTs(), sender.deviceId(), groups.memberIds(groupId)));
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
        Conversation conversation = messages.findGroup(groupId)
                .filter(c -> c.getId() == message.getConversationId())
                .orElseThrow(() -> new ChorusException(ErrorCode.UNKNOWN_MESSAGE));
        return revoke(author, message, conversation, gid, groups.memberIds(groupId));
    }

    private SendReceipt store(Caller sender, long recipientId, Conversation conversation, ChatSend send) {
        Instant now = Instant.now();
        Message message = messages.save(new Message(conversation.getId(), conversation.nextSeq(), sender.userId(),
                sender.deviceId(), send.wireId(), send.payloadJson(), send.createdAt(), now.toEpochMilli()));
        int devices = messages.addDeliveries(message, recipientId, sender.userId(), sender.deviceId(), now);
        metrics.sent();
        events.publish(new StoredMessage(message.getId(), Conversation.DIRECT, conversation.getId(), message.getSeq(),
                message.getWireId(), sender.uid(), send.to(), message.getPayload(), message.getCreatedAt(),
                message.getServerTs(), sender.deviceId(), List.of(recipientId, sender.userId())));
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
        Conversation conversation = messages.findDirect(author.userId(), peer)
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
