package io.chorus.domain.message;

import io.chorus.domain.RowValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code conversation} table: finding conversations, creating them on first use and locking
 * them. A conversation's row lock is what makes its seqs gap-free and orders group membership
 * changes against sends, so every storing transaction takes it first. Creation uses
 * {@code INSERT … ON CONFLICT DO NOTHING}, so two first messages never raise a constraint violation
 * (PostgreSQL, and H2 in PostgreSQL mode). Also the recent-conversations list, which starts here.
 */
@ApplicationScoped
public class ConversationRepository {
    @PersistenceContext(unitName = "chorus")
    EntityManager em;

    /**
     * The user's notice conversation, locked for this transaction; created on first use. Stored
     * notices ({@code S2C}) are messages of this conversation, so they get a gap-free seq, delivery
     * rows, resends and backlogs exactly like chat messages.
     */
    public Conversation lockNoticeConversation(long userId) {
        return lockConversation(ConversationKind.NOTICES, userId, userId);
    }

    /**
     * A group's conversation of the given kind ({@link ConversationKind#GROUP} or
     * {@link ConversationKind#GROUP_NOTICES}), locked for this transaction; created on first use. Holding
     * the C2G row also orders membership changes against sends: a member is in or out of a message.
     */
    public Conversation lockGroupConversation(ConversationKind kind, long groupId) {
        return findGroupForUpdate(kind, groupId).orElseGet(() -> {
            em.createNativeQuery("INSERT INTO conversation (id, kind, group_id, last_seq) "
                            + "VALUES (nextval('conversation_seq'), ?1, ?2, 0) ON CONFLICT DO NOTHING")
                    .setParameter(1, kind.code()).setParameter(2, groupId).executeUpdate();
            return findGroupForUpdate(kind, groupId).orElseThrow();
        });
    }

    private Optional<Conversation> findGroupForUpdate(ConversationKind kind, long groupId) {
        return em.createQuery("select c from Conversation c where c.kind = :kind and c.groupId = :g", Conversation.class)
                .setParameter("kind", kind).setParameter("g", groupId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
    }

    /** A group's message conversation, if anyone ever wrote in it. */
    public Optional<Conversation> findGroup(long groupId) {
        return em.createQuery("select c from Conversation c where c.kind = :kind and c.groupId = :g", Conversation.class)
                .setParameter("kind", ConversationKind.GROUP).setParameter("g", groupId).getResultStream().findFirst();
    }

    private Conversation lockConversation(ConversationKind kind, long lo, long hi) {
        return findForUpdate(kind, lo, hi).orElseGet(() -> {
            insertPairConversation(kind, lo, hi);
            return findForUpdate(kind, lo, hi).orElseThrow();
        });
    }

    /** A concurrent first message may create it too: the unique pair decides, quietly. */
    private void insertPairConversation(ConversationKind kind, long lo, long hi) {
        em.createNativeQuery("INSERT INTO conversation (id, kind, user_lo, user_hi, last_seq) "
                        + "VALUES (nextval('conversation_seq'), ?1, ?2, ?3, 0) ON CONFLICT DO NOTHING")
                .setParameter(1, kind.code()).setParameter(2, lo).setParameter(3, hi)
                .executeUpdate();
    }

    private Optional<Conversation> findForUpdate(ConversationKind kind, long lo, long hi) {
        return pairQuery(kind, lo, hi).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst();
    }

    private TypedQuery<Conversation> pairQuery(ConversationKind kind, long lo, long hi) {
        return em.createQuery("select c from Conversation c where c.kind = :kind and c.userLo = :lo and c.userHi = :hi",
                        Conversation.class)
                .setParameter("kind", kind).setParameter("lo", lo).setParameter("hi", hi);
    }

    /** Two users' direct conversation key: the lower id first. */
    public record UserPair(long lo, long hi) {
        public static UserPair of(long a, long b) {
            return new UserPair(Math.min(a, b), Math.max(a, b));
        }
    }

    /**
     * The existing direct conversations of these pairs, locked for this transaction in id order (so
     * two nodes' batches cannot lock the same rows in opposite orders); pairs without one are absent.
     */
    public Map<UserPair, Conversation> lockDirectConversations(Collection<UserPair> pairs) {
        return directForUpdate(List.copyOf(pairs));
    }

    /** Creates the direct conversations of these pairs (a concurrent creator wins quietly) and locks them. */
    public Map<UserPair, Conversation> createDirectConversations(Collection<UserPair> pairs) {
        pairs.forEach(pair -> insertPairConversation(ConversationKind.DIRECT, pair.lo(), pair.hi()));
        return directForUpdate(List.copyOf(pairs));
    }

    @SuppressWarnings("unchecked")
    private Map<UserPair, Conversation> directForUpdate(List<UserPair> pairs) {
        Map<UserPair, Conversation> found = new HashMap<>();
        for (List<UserPair> chunk : RowValues.chunks(pairs)) {
            Query query = em.createNativeQuery("SELECT * FROM conversation WHERE kind = 'C2C' AND (user_lo, user_hi) IN ("
                    + RowValues.placeholders(chunk.size(), 2, 1) + ") ORDER BY id FOR UPDATE", Conversation.class);
            for (Conversation c : (List<Conversation>) RowValues.bind(query, chunk, 1,
                    pair -> new Object[] {pair.lo(), pair.hi()}).getResultList()) {
                found.put(new UserPair(c.getUserLo(), c.getUserHi()), c);
            }
        }
        return found;
    }

    /** The direct conversation of two users, if they ever exchanged a message. */
    public Optional<Conversation> findDirect(long userA, long userB) {
        return pairQuery(ConversationKind.DIRECT, Math.min(userA, userB), Math.max(userA, userB)).getResultStream().findFirst();
    }

    public Optional<Conversation> findConversation(long conversationId) {
        return Optional.ofNullable(em.find(Conversation.class, conversationId));
    }

    /**
     * The user's conversations, one-to-one and groups it is a member of, most recent first, each
     * with its last message and the number of messages from others above the user's read cursor
     * (and, in a group, above where the user joined), and whether a message above the cursor
     * mentions the user: one query, no N+1.
     */
    @SuppressWarnings("unchecked")
    public List<RecentConversation> recent(long userId, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT c.id, c.kind, c.user_lo, c.user_hi, c.group_id, m.seq, m.wire_id, "
                        + "m.sender_id, m.payload, m.created_at, m.server_ts, m.id, "
                        + "(SELECT count(*) FROM message u WHERE u.conversation_id = c.id "
                        + "AND u.seq > GREATEST(COALESCE(r.read_seq, 0), COALESCE(g.joined_seq, 0)) AND u.sender_id <> ?1), "
                        + "EXISTS (SELECT 1 FROM message_mention x WHERE x.user_id = ?1 AND x.conversation_id = c.id "
                        + "AND x.seq > GREATEST(COALESCE(r.read_seq, 0), COALESCE(g.joined_seq, 0))) "
                        + "FROM conversation c JOIN message m ON m.conversation_id = c.id AND m.seq = c.last_seq "
                        + "LEFT JOIN group_member g ON g.group_id = c.group_id AND g.user_id = ?1 "
                        + "LEFT JOIN conversation_read r ON r.conversation_id = c.id AND r.user_id = ?1 "
                        + "WHERE (c.kind = 'C2C' AND (c.user_lo = ?1 OR c.user_hi = ?1)) "
                        + "OR (c.kind = 'C2G' AND g.user_id IS NOT NULL AND c.last_seq > g.joined_seq) "
                        + "ORDER BY m.server_ts DESC, c.id DESC")
                .setParameter(1, userId).setMaxResults(limit).getResultList();
        return rows.stream().map(row -> {
            ConversationKind kind = ConversationKind.ofCode((String) row[1]);
            long peer;
            if (kind == ConversationKind.GROUP) {
                peer = ((Number) row[4]).longValue();
            } else {
                long lo = ((Number) row[2]).longValue();
                long hi = ((Number) row[3]).longValue();
                peer = userId == lo ? hi : lo;
            }
            return new RecentConversation(((Number) row[0]).longValue(), kind, peer, ((Number) row[5]).longValue(),
                    (String) row[6], ((Number) row[7]).longValue(), (String) row[8], ((Number) row[9]).longValue(),
                    ((Number) row[10]).longValue(), ((Number) row[11]).longValue(), ((Number) row[12]).longValue(),
                    Boolean.TRUE.equals(row[13]));
        }).toList();
    }

    /** A row of the recent-conversations list, with internal ids; {@code peerId} is the group's id for C2G. */
    public record RecentConversation(long conversationId, ConversationKind kind, long peerId, long lastSeq, String lastWireId, long lastSenderId,
                                     String lastPayload, long lastCreatedAt, long lastServerTs, long lastMessageId, long unread,
                                     boolean mentioned) {
    }
}
