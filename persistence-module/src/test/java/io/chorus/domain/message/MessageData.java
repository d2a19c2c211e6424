package io.chorus.domain.message;

import io.chorus.domain.TestData;
import io.chorus.domain.account.Device;
import io.chorus.domain.message.ConversationRepository.UserPair;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The message package's repositories on one test's {@link EntityManager}, and messages stored the
 * way the services store them: the conversation locked, the next seq taken, the message saved.
 */
final class MessageData {
    final ConversationRepository conversations = new ConversationRepository();
    final MessageRepository messages = new MessageRepository();
    final DeliveryRepository deliveries = new DeliveryRepository();
    final ReadCursorRepository readCursors = new ReadCursorRepository();
    private final EntityManager em;

    MessageData(EntityManager em) {
        this.em = em;
        conversations.em = em;
        messages.em = em;
        deliveries.em = em;
        readCursors.em = em;
    }

    /**
     * The direct conversation of two users, locked for this transaction, as the send pipeline gets
     * it: the existing one locked, or made on first use.
     */
    Conversation direct(long userA, long userB) {
        UserPair pair = UserPair.of(userA, userB);
        Conversation existing = conversations.lockDirectConversations(Set.of(pair)).get(pair);
        return existing != null ? existing : conversations.createDirectConversations(Set.of(pair)).get(pair);
    }

    /** The next message of the conversation from the device's user, with a fresh wire id. */
    Message send(Conversation conversation, Device from, long serverTs) {
        return send(conversation, from.getUser().getId(), from.getId(), TestData.unique("x"), serverTs);
    }

    Message send(Conversation conversation, long senderId, Long senderDeviceId, String wireId, long serverTs) {
        return messages.save(new Message(conversation.getId(), conversation.nextSeq(), senderId, senderDeviceId, wireId,
                "{\"text\":\"" + wireId + "\"}", serverTs - 1, serverTs));
    }

    /** The device ids that have a delivery row of the message. */
    @SuppressWarnings("unchecked")
    Set<Long> recipients(Message message) {
        return ((List<Number>) em.createNativeQuery("SELECT device_id FROM delivery WHERE message_id = ?1")
                .setParameter(1, message.getId()).getResultList()).stream().map(Number::longValue)
                .collect(Collectors.toSet());
    }
}
