package io.chorus.domain.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * The {@code conversation_read} table: how far each user has read each conversation. Cursors only
 * move forward. The recent list reads them for its unread counts
 * ({@link ConversationRepository#recent}); read receipts will start here.
 */
@ApplicationScoped
public class ReadCursorRepository {
    @PersistenceContext(unitName = "chorus")
    EntityManager em;

    /** Moves the user's read cursor forward (never back). */
    public void markRead(long userId, long conversationId, long seq) {
        int moved = em.createNativeQuery("UPDATE conversation_read SET read_seq = ?3 "
                        + "WHERE user_id = ?1 AND conversation_id = ?2 AND read_seq < ?3")
                .setParameter(1, userId).setParameter(2, conversationId).setParameter(3, seq).executeUpdate();
        if (moved == 0) {
            em.createNativeQuery("INSERT INTO conversation_read (user_id, conversation_id, read_seq) VALUES (?1, ?2, ?3) "
                            + "ON CONFLICT DO NOTHING")
                    .setParameter(1, userId).setParameter(2, conversationId).setParameter(3, seq).executeUpdate();
        }
    }
}
