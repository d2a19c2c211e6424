package io.chorus.domain.message;

import io.chorus.domain.RowValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code message} table: each message stored once, whatever the number of recipients (their
 * devices get delivery rows, {@link DeliveryRepository}). A message is known by its id, by its
 * place in its conversation (seq) and by its sender's idempotency key, {@code (sender, wire id)},
 * which the database keeps unique.
 */
@ApplicationScoped
public class MessageRepository {
    @PersistenceContext(unitName = "chorus")
    EntityManager em;

    public Optional<Message> findBySender(long senderId, String wireId) {
        return em.createQuery("select m from Message m where m.senderId = :sender and m.wireId = :wireId", Message.class)
                .setParameter("sender", senderId).setParameter("wireId", wireId)
                .getResultStream().findFirst();
    }

    /** A message's idempotency key: its sender's user and its wire id. */
    public record SenderWireId(long senderId, String wireId) {
    }

    /** The messages already stored under these keys (retries of a send find their original). */
    @SuppressWarnings("unchecked")
    public Map<SenderWireId, Message> findBySenders(List<SenderWireId> keys) {
        Map<SenderWireId, Message> found = new HashMap<>();
        for (List<SenderWireId> chunk : RowValues.chunks(keys)) {
            Query query = em.createNativeQuery("SELECT * FROM message WHERE (sender_id, wire_id) IN ("
                    + RowValues.placeholders(chunk.size(), 2, 1) + ")", Message.class);
            for (Message m : (List<Message>) RowValues.bind(query, chunk, 1,
                    key -> new Object[] {key.senderId(), key.wireId()}).getResultList()) {
                found.put(new SenderWireId(m.getSenderId(), m.getWireId()), m);
            }
        }
        return found;
    }

    /** Stores the message now (its delivery rows reference it). */
    public Message save(Message message) {
        em.persist(message);
        em.flush(); // the delivery rows below reference it
        return message;
    }

    /**
     * Writes every pending change of the transaction now, so that what is left for the commit is the
     * commit alone (a failure after this is one whose outcome may be unknown).
     */
    public void flushChanges() {
        em.flush();
    }

    /** Stores these messages together, one batched insert (their delivery rows reference them). */
    public void saveAll(List<Message> fresh) {
        fresh.forEach(em::persist);
        em.flush();
    }

    public Optional<Message> findById(long messageId) {
        return Optional.ofNullable(em.find(Message.class, messageId));
    }

    /** The messages with these ids that exist, in the order of {@code messageIds}. */
    public List<Message> findAll(List<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        Map<Long, Message> byId = em.createQuery("select m from Message m where m.id in :ids", Message.class)
                .setParameter("ids", messageIds).getResultStream()
                .collect(Collectors.toMap(Message::getId, m -> m));
        return messageIds.stream().distinct().map(byId::get).filter(Objects::nonNull).toList();
    }

    /** A page of a conversation strictly between two seqs, newest first. */
    public List<Message> page(long conversationId, long afterSeq, long beforeSeq, int limit) {
        return em.createQuery("select m from Message m where m.conversationId = :c and m.seq > :after and m.seq < :before "
                        + "order by m.seq desc", Message.class)
                .setParameter("c", conversationId).setParameter("after", afterSeq).setParameter("before", beforeSeq)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Chat messages (not notices) stored since {@code since}, cluster-wide. */
    public long messagesSince(long since) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM message m JOIN conversation c ON c.id = m.conversation_id "
                + "WHERE c.kind IN ('C2C', 'C2G') AND m.server_ts > ?1").setParameter(1, since).getSingleResult()).longValue();
    }
}
