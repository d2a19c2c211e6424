package io.chorus.app.delivery;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.event.RevokedMessage;
import io.chorus.app.event.StoredMessage;
import io.chorus.app.event.StoredMessages;
import io.chorus.app.identity.PublicIds;
import io.chorus.domain.message.ConversationKind;
import io.chorus.domain.message.DeliveryRepository.DeviceMessage;
import io.chorus.domain.message.DeliveryRepository.PendingHead;
import io.chorus.domain.message.DeliveryRepository.PendingMessage;
import io.chorus.domain.message.DeliveryRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** A device's side of delivery: its backlog, gap fills while live, and its acknowledgements. */
@Stateless
public class DeliveryService {
    @Inject
    @ConfigProperty(name = "chorus.delivery.backlog-limit")
    int backlogLimit;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    PublicIds ids;

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<StoredMessage> backlog(long deviceId) {
        return deliveries.backlog(deviceId, backlogLimit).stream().map(this::stored).toList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<StoredMessage> pendingBetween(long deviceId, long conversationId, long afterSeq, long beforeSeq) {
        return deliveries.pendingBetween(deviceId, conversationId, afterSeq, beforeSeq).stream().map(this::stored).toList();
    }

    /**
     * The newest pending seq per conversation of every device with a socket on the node: what the
     * delivery sweep compares with what each connection has sent (one query per sweep).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<PendingHead> pendingHeads(String nodeId) {
        return deliveries.pendingHeads(nodeId);
    }

    /**
     * {@code CLIENT_ACK,<kind>,<id>,<did>} for a copy this node does not know (an earlier connection
     * sent it): this device has the message ({@code C2C}, {@code C2G}) or notice ({@code S2C}, the
     * user's or a group's), found by its wire id; other devices keep theirs. A copy the connection
     * knows is settled by message id instead ({@link Acknowledgements}, {@link #settle(List)}).
     */
    public void acknowledge(Caller device, ConversationKind kind, String wireId) {
        if (deliveries.settleByWireId(device.deviceId(), kind, wireId) == 0) {
            throw new ChorusException(ErrorCode.UNKNOWN_MESSAGE);
        }
    }

    /**
     * Dialect B: these copies were written to the device's socket, which is what delivered means for
     * a JIM client (it has no acks, SPEC §6). Batched: one statement per device and tick.
     */
    public void settle(long deviceId, List<Long> messageIds) {
        settle(messageIds.stream().map(messageId -> new DeviceMessage(deviceId, messageId)).toList());
    }

    /**
     * The devices have these copies: their delivery rows go, in one statement per 512 (the acks'
     * group commit, {@link Acknowledgements}, and dialect B's written copies alike).
     */
    public void settle(List<DeviceMessage> copies) {
        deliveries.settle(copies);
    }

    /** The revokes the device has still to hear of, as the events that would have told it. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<RevokedMessage> pendingRevokes(long deviceId) {
        return deliveries.pendingRevokes(deviceId).stream().map(r -> new RevokedMessage(r.messageId(), r.kind(), r.wireId(),
                ids.encode(r.senderId()), r.groupId() != null ? ids.encodeGroup(r.groupId()) : ids.encode(r.peerId()),
                r.revokedAt(), 0, List.of())).toList();
    }

    /** The pending revokes of every device with a socket on the node: the delivery sweep's second query. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<DeviceMessage> pendingRevokesOn(String nodeId) {
        return deliveries.pendingRevokesOn(nodeId);
    }

    /** The device was told of these revokes (written to its socket). */
    public void settleRevokes(long deviceId, List<Long> messageIds) {
        deliveries.settleRevokes(deviceId, messageIds);
    }

    private StoredMessage stored(PendingMessage m) {
        // A group's messages and notices are addressed to the group; the feed puts the device's own
        // user in a notice's "to".
        String to = m.groupId() != null ? ids.encodeGroup(m.groupId()) : ids.encode(m.peerId());
        return StoredMessages.pending(m, ids.encode(m.senderId()), to);
    }
}
