package io.chorus.app.event;

import io.chorus.domain.message.ConversationKind;
import io.chorus.domain.message.DeliveryRepository.PendingMessage;
import io.chorus.domain.message.Message;
import java.util.List;

/**
 * Builds the {@link StoredMessage} event from a stored message and whom it is for, in one place:
 * each factory names the kind of conversation, so the kind, the addressee and the users whose
 * devices get it live cannot disagree. Public ids are the caller's to encode (it has them already).
 */
public final class StoredMessages {
    private StoredMessages() {
    }

    /** A one-to-one message from {@code fromUid} to {@code toUid}: both users' devices get it. */
    public static StoredMessage direct(Message message, String fromUid, String toUid, long recipientId) {
        return of(message, ConversationKind.DIRECT, fromUid, toUid, List.of(recipientId, message.getSenderId()));
    }

    /** A group message, addressed to the group {@code gid}, for its members' devices. */
    public static StoredMessage group(Message message, String fromUid, String gid, List<Long> memberIds) {
        return of(message, ConversationKind.GROUP, fromUid, gid, memberIds);
    }

    /** A stored notice for one user ({@code S2C}): that user's devices get it. */
    public static StoredMessage notice(Message notice, String fromUid, String recipientUid, long recipientId) {
        return of(notice, ConversationKind.NOTICES, fromUid, recipientUid, List.of(recipientId));
    }

    /** A group's stored notice ({@code S2G}), addressed to the group, for its members' devices. */
    public static StoredMessage groupNotice(Message notice, String fromUid, String gid, List<Long> memberIds) {
        return of(notice, ConversationKind.GROUP_NOTICES, fromUid, gid, memberIds);
    }

    /**
     * A copy a device still has to get, out of its backlog: for that device alone, so no user ids.
     * {@code to} is the peer's or the group's public id.
     */
    public static StoredMessage pending(PendingMessage pending, String fromUid, String to) {
        return new StoredMessage(pending.messageId(), pending.kind(), pending.conversationId(), pending.seq(), pending.wireId(),
                fromUid, to, pending.payload(), pending.createdAt(), pending.serverTs(), pending.senderDeviceId(), List.of());
    }

    private static StoredMessage of(Message message, ConversationKind kind, String fromUid, String to, List<Long> userIds) {
        // Notices have no sending device: 0, which no device has.
        long sendingDevice = message.getSenderDeviceId() == null ? 0 : message.getSenderDeviceId();
        return new StoredMessage(message.getId(), kind, message.getConversationId(), message.getSeq(), message.getWireId(),
                fromUid, to, message.getPayload(), message.getCreatedAt(), message.getServerTs(), sendingDevice, userIds);
    }
}
