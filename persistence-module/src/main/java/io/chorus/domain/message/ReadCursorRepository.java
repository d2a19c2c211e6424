package io.chorus.domain.message;

import io.chorus.domain.RowValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.List;

/**
 * The {@code conversation_read} table: how far each user has read each conversation. Cursors only
 * move forward. The recent list reads them for its unread counts
 * ({@link ConversationRepository#recent}); read receipts and group read counts are made from them.
 */
@ApplicationScoped
public class ReadCursorRepository {
    @PersistenceContext(unitName = "chorus")
    EntityManager em;

    /**
     * Moves the user's read cursor forward (never back); whether it moved. Portable upsert (H2 has
     * no {@code ON CONFLICT DO UPDATE}): update, else insert, and if a concurrent first read
     * inserted the row meanwhile, update once more, so the higher of two racing reads wins.
     */
    public boolean markRead(long userId, long conversationId, long seq) {
        if (moveForward(userId, conversationId, seq) > 0) {
            return true;
        }
        int inserted = em.createNativeQuery("INSERT INTO conversation_read (user_id, conversation_id, read_seq) VALUES (?1, ?2, ?3) "
                        + "ON CONFLICT DO NOTHING")
                .setParameter(1, userId).setParameter(2, conversationId).setParameter(3, seq).executeUpdate();
        return inserted > 0 || moveForward(userId, conversationId, seq) > 0;
    }

    private int moveForward(long userId, long conversationId, long seq) {
        return em.createNativeQuery("UPDATE conversation_read SET read_seq = ?3 "
                        + "WHERE user_id = ?1 AND conversation_id = ?2 AND read_seq < ?3")
                .setParameter(1, userId).setParameter(2, conversationId).setParameter(3, seq).executeUpdate();
    }

    /**
     * The messages of others above {@code afterSeq}: the user's unread count once its cursor (or, in
     * a group, where it joined, if later) stands there. Through the {@code (conversation_id, seq)} key.
     */
    public long unreadAfter(long userId, long conversationId, long afterSeq) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM message WHERE conversation_id = ?1 AND seq > ?2 "
                        + "AND sender_id <> ?3")
                .setParameter(1, conversationId).setParameter(2, afterSeq).setParameter(3, userId)
                .getSingleResult()).longValue();
    }

    /**
     * For each of these seqs of a group's conversation: how many members could read that message
     * (joined before it, not its author) and how many of them have read up to it and share their
     * reads ({@code app_user.read_receipts}). Seqs without such a member are left out. One query.
     */
    public List<ReadCount> groupReadCounts(long conversationId, long groupId, List<Long> seqs) {
        return readCounts("JOIN group_member g ON g.group_id = ?2 AND g.joined_seq < m.seq AND g.user_id <> m.sender_id "
                + "JOIN app_user u ON u.id = g.user_id ", conversationId, groupId, seqs);
    }

    /** As {@link #groupReadCounts} for a one-to-one conversation, whose only possible reader is the author's peer. */
    public List<ReadCount> directReadCounts(long conversationId, List<Long> seqs) {
        return readCounts("JOIN conversation c ON c.id = m.conversation_id "
                + "JOIN app_user u ON u.id IN (c.user_lo, c.user_hi) AND u.id <> m.sender_id ", conversationId, null, seqs);
    }

    @SuppressWarnings("unchecked")
    private List<ReadCount> readCounts(String readers, long conversationId, Long groupId, List<Long> seqs) {
        if (seqs.isEmpty()) {
            return List.of();
        }
        // Ordinal parameters must not leave gaps: the seqs follow the group's id when there is one.
        int firstSeq = groupId == null ? 2 : 3;
        Query query = em.createNativeQuery("SELECT m.seq, count(*), "
                        + "SUM(CASE WHEN r.read_seq >= m.seq AND u.read_receipts THEN 1 ELSE 0 END) FROM message m " + readers
                        + "LEFT JOIN conversation_read r ON r.user_id = u.id AND r.conversation_id = m.conversation_id "
                        + "WHERE m.conversation_id = ?1 AND m.seq IN (" + RowValues.placeholders(seqs.size(), 1, firstSeq) + ") "
                        + "GROUP BY m.seq ORDER BY m.seq")
                .setParameter(1, conversationId);
        if (groupId != null) {
            query.setParameter(2, groupId);
        }
        List<Object[]> rows = RowValues.bind(query, seqs, firstSeq, seq -> new Object[] {seq}).getResultList();
        return rows.stream().map(row -> new ReadCount(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue())).toList();
    }

    /** Message {@code seq}: {@code read} of its {@code readers} possible readers have read it. */
    public record ReadCount(long seq, long readers, long read) {
    }
}
