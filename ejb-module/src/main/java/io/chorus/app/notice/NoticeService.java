package io.chorus.app.notice;

import io.chorus.app.event.EventPublisher;
import io.chorus.app.event.StoredMessages;
import io.chorus.domain.message.Conversation;
import io.chorus.domain.message.ConversationKind;
import io.chorus.domain.message.ConversationRepository;
import io.chorus.domain.message.DeliveryRepository;
import io.chorus.domain.message.Message;
import io.chorus.domain.message.MessageRepository;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * Stored server notices (SPEC §5.4: {@code apply_friend}, group events, {@code system_notice}...):
 * a notice is a message of the recipient's notice conversation, so it is delivered, resent,
 * backlogged and acknowledged ({@code CLIENT_ACK,S2C,<id>,<did>}) like a chat message. Always part
 * of the caller's transaction: the notice exists exactly when the change it announces does.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class NoticeService {
    @Inject
    ConversationRepository conversations;

    @Inject
    MessageRepository messages;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    EventPublisher events;

    /**
     * Stores a group notice once, for every device of the group's current members, and publishes it;
     * each device gets it as an {@code S2C} frame addressed to its user. The id is
     * {@code <msg_type>_<gid>_<seq>}, unique because the group's notice conversation numbers it.
     */
    public void storeForGroup(long groupId, String gid, List<Long> memberIds, long fromUserId, String fromUid,
                              JsonObject payload) {
        storeForGroup(groupId, gid, memberIds, fromUserId, fromUid, 0, payload);
    }

    /**
     * As {@link #storeForGroup(long, String, List, long, String, JsonObject)}, but not for the device
     * that made the change ({@code actingDeviceId}, 0: none), which knows it: it counts as the
     * notice's sender, so it gets no delivery row and no live copy.
     */
    public void storeForGroup(long groupId, String gid, List<Long> memberIds, long fromUserId, String fromUid, long actingDeviceId,
                              JsonObject payload) {
        Instant now = Instant.now();
        Conversation notices = conversations.lockGroupConversation(ConversationKind.GROUP_NOTICES, groupId);
        long seq = notices.nextSeq();
        String wireId = payload.getString("msg_type") + "_" + gid + "_" + seq;
        Message notice = messages.save(new Message(notices.getId(), seq, fromUserId, actingDeviceId == 0 ? null : actingDeviceId, wireId,
                payload.toString(), now.toEpochMilli(), now.toEpochMilli()));
        deliveries.addForGroup(notice, groupId, actingDeviceId == 0 ? -1 : actingDeviceId, now);
        events.publish(StoredMessages.groupNotice(notice, fromUid, gid, memberIds));
    }

    /**
     * Multi-device sync: stores {@code payload} for every device of the acting user but the acting
     * one ({@code actingDeviceId}, which made the change and knows it), and publishes it; the acting
     * device counts as the notice's sender, so it is not pushed there live either. The id is
     * {@code <msg_type>_<n>}, {@code n} numbering the user's notices. {@code now} is the change's time (ms).
     */
    public void storeForOtherDevices(long userId, String uid, long actingDeviceId, JsonObject payload, long now) {
        Conversation notices = conversations.lockNoticeConversation(userId);
        long seq = notices.nextSeq();
        Message notice = messages.save(new Message(notices.getId(), seq, userId, actingDeviceId == 0 ? null : actingDeviceId,
                payload.getString("msg_type") + "_" + seq, payload.toString(), now, now));
        deliveries.addForUser(notice, userId, actingDeviceId, Instant.ofEpochMilli(now));
        events.publish(StoredMessages.notice(notice, uid, uid, userId));
    }

    /**
     * Stores {@code payload} for every device of {@code recipientId} and publishes it, with the id
     * {@code <msg_type>_<recipientUid>_<n>}, {@code n} numbering the recipient's notices: unique for
     * the sender whoever the recipient. {@code now} is the change's time (ms).
     */
    public void storeNumbered(long recipientId, String recipientUid, long fromUserId, String fromUid, JsonObject payload, long now) {
        Conversation notices = conversations.lockNoticeConversation(recipientId);
        long seq = notices.nextSeq();
        Message notice = messages.save(new Message(notices.getId(), seq, fromUserId, null,
                payload.getString("msg_type") + "_" + recipientUid + "_" + seq, payload.toString(), now, now));
        deliveries.addForUser(notice, recipientId, Instant.ofEpochMilli(now));
        events.publish(StoredMessages.notice(notice, fromUid, recipientUid, recipientId));
    }

    /**
     * Stores {@code payload} for every device of {@code recipientId} and publishes it. {@code wireId}
     * must be unique for {@code fromUserId} (it is the id the devices acknowledge).
     */
    public void store(long recipientId, String recipientUid, long fromUserId, String fromUid, String wireId, JsonObject payload) {
        Instant now = Instant.now();
        Conversation notices = conversations.lockNoticeConversation(recipientId);
        Message notice = messages.save(new Message(notices.getId(), notices.nextSeq(), fromUserId, null, wireId,
                payload.toString(), now.toEpochMilli(), now.toEpochMilli()));
        deliveries.addForUser(notice, recipientId, now);
        events.publish(StoredMessages.notice(notice, fromUid, recipientUid, recipientId));
    }
}
