package io.chorus.domain.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

/**
 * Storage of conversations, messages and delivery rows. The send path uses a few native
 * statements where they save round trips or exceptions (creating a conversation without a
 * constraint violation, inserting every delivery row in one statement); both run on PostgreSQL
 * and on H2 in PostgreSQL mode.
 */
@ApplicationScoped
public class MessageRepository {
    @PersistenceContext(unitName = "chorus")
    EntityManager em;

    /** The direct conversation of two users, locked for this transaction; created on first use. */
    public Conversation lockDirectConversation(long userA, long userB) {
        long lo = Math.min(userA, userB);
        long hi = Math.max(userA, userB);
        return findDirectForUpdate(lo, hi).orElseGet(() -> {
            // A concurrent first message may create it too: the unique pair decides, quietly.
            em.createNativeQuery("INSERT INTO conversation (id, kind, user_lo, user_hi, last_seq) "
                            + "VALUES (nextval('conversation_seq'), ?1, ?2, ?3, 0) ON CONFLICT DO NOTHING")
                    .setParameter(1, Conversation.DIRECT).setParameter(2, lo).setParameter(3, hi)
                    .executeUpdate();
            return findDirectForUpdate(lo, hi).orElseThrow();
        });
    }

    private Optional<Conversation> findDirectForUpdate(long lo, long hi) {
        return em.createQuery("select c from Conversation c where c.kind = :kind and c.userLo = :lo and c.userHi = :hi",
                        Conversation.class)
                .setParameter("kind", Conversation.DIRECT).setParameter("lo", lo).setParameter("hi", hi)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
    }

    public Optional<Message> findBySender(long senderId, String wireId) {
        return em.createQuery("select m from Message m where m.senderId = :sender and m.wireId = :wireId", Message.class)
                .setParameter("sender", senderId).setParameter("wireId", wireId)
                .getResultStream().findFirst();
    }

    public Message save(Message message) {
        em.persist(message);
        em.flush(); // the delivery rows below reference it
        return message;
    }

    /**
     * One delivery row for every device of the given users except the sending device: the devices
     * that exist when the message is committed are the ones that must get it (SPEC §5).
     */
    public int addDeliveries(Message message, long recipientId, long senderId, long sendingDeviceId, Instant now) {
        return em.createNativeQuery("INSERT INTO delivery (device_id, message_id, conversation_id, seq, created_at) "
                        + "SELECT d.id, ?1, ?2, ?3, ?4 FROM device d WHERE d.user_id IN (?5, ?6) AND d.id <> ?7")
                .setParameter(1, message.getId()).setParameter(2, message.getConversationId())
                .setParameter(3, message.getSeq()).setParameter(4, now)
                .setParameter(5, recipientId).setParameter(6, senderId).setParameter(7, sendingDeviceId)
                .executeUpdate();
    }
}
