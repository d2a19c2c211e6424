package io.chorus.domain.message;

import io.chorus.domain.RowValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

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
        return lockConversation(ConversationKind.DIRECT, Math.min(userA, userB), Math.max(userA, userB));
    }

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

    /**
     * One delivery row for every device of every current member of the group but the sending
     * device (none for a notice): the message itself is stored once.
     */
    public int addGroupDeliveries(Message message, long groupId, long exceptDeviceId, Instant now) {
        return em.createNativeQuery("INSERT INTO delivery (device_id, message_id, conversation_id, seq, created_at) "
                        + "SELECT d.id, ?1, ?2, ?3, ?4 FROM device d JOIN group_member m ON m.user_id = d.user_id "
                        + "WHERE m.group_id = ?5 AND d.id <> ?6")
                .setParameter(1, message.getId()).setParameter(2, message.getConversationId())
                .setParameter(3, message.getSeq()).setParameter(4, now)
                .setParameter(5, groupId).setParameter(6, exceptDeviceId)
                .executeUpdate();
    }

    /** Drops what the user's devices still had to get from the group: it is no longer theirs. */
    public int dropGroupBacklog(long groupId, long userId) {
        return em.createNativeQuery("DELETE FROM delivery WHERE device_id IN (SELECT id FROM device WHERE user_id = ?2) "
                        + "AND conversation_id IN (SELECT id FROM conversation WHERE kind IN ('C2G', 'S2G') AND group_id = ?1)")
                .setParameter(1, groupId).setParameter(2, userId).executeUpdate();
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

    public Optional<Message> findBySender(long senderId, String wireId) {
        return em.createQuery("select m from Message m where m.senderId = :sender and m.wireId = :wireId", Message.class)
                .setParameter("sender", senderId).setParameter("wireId", wireId)
                .getResultStream().findFirst();
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

    /**
     * Stores new direct messages together (one batched insert) with a delivery row for every device
     * of both users but the sending device, in one statement for all of them: what
     * {@link #save} and {@link #addDeliveries(Message, long, long, long, Instant)} do for one.
     */
    public void saveDirect(List<Message> fresh, Instant now) {
        fresh.forEach(em::persist);
        em.flush();
        List<Long> ids = fresh.stream().map(Message::getId).toList();
        for (List<Long> chunk : RowValues.chunks(ids)) {
            Query insert = em.createNativeQuery("INSERT INTO delivery (device_id, message_id, conversation_id, seq, created_at) "
                    + "SELECT d.id, m.id, m.conversation_id, m.seq, ?1 FROM message m "
                    + "JOIN conversation c ON c.id = m.conversation_id "
                    + "JOIN device d ON d.user_id IN (c.user_lo, c.user_hi) "
                    + "WHERE m.id IN (" + RowValues.placeholders(chunk.size(), 1, 2) + ") "
                    + "AND (m.sender_device_id IS NULL OR d.id <> m.sender_device_id)").setParameter(1, now);
            RowValues.bind(insert, chunk, 2, id -> new Object[] {id}).executeUpdate();
        }
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

    /** One delivery row for every device of {@code userId}: a stored notice's recipients. */
    public int addDeliveries(Message message, long userId, Instant now) {
        return em.createNativeQuery("INSERT INTO delivery (device_id, message_id, conversation_id, seq, created_at) "
                        + "SELECT d.id, ?1, ?2, ?3, ?4 FROM device d WHERE d.user_id = ?5")
                .setParameter(1, message.getId()).setParameter(2, message.getConversationId())
                .setParameter(3, message.getSeq()).setParameter(4, now).setParameter(5, userId)
                .executeUpdate();
    }

    /** The direct conversation of two users, if they ever exchanged a message. */
    public Optional<Conversation> findDirect(long userA, long userB) {
        return pairQuery(ConversationKind.DIRECT, Math.min(userA, userB), Math.max(userA, userB)).getResultStream().findFirst();
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

    public Optional<Conversation> findConversation(long conversationId) {
        return Optional.ofNullable(em.find(Conversation.class, conversationId));
    }

    /** A page of a conversation strictly between two seqs, newest first. */
    public List<Message> page(long conversationId, long afterSeq, long beforeSeq, int limit) {
        return em.createQuery("select m from Message m where m.conversationId = :c and m.seq > :after and m.seq < :before "
                        + "order by m.seq desc", Message.class)
                .setParameter("c", conversationId).setParameter("after", afterSeq).setParameter("before", beforeSeq)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * The user's conversations, one-to-one and groups it is a member of, most recent first, each
     * with its last message and the number of messages from others above the user's read cursor
     * (and, in a group, above where the user joined): one query, no N+1.
     */
    @SuppressWarnings("unchecked")
    public List<RecentConversation> recent(long userId, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT c.id, c.kind, c.user_lo, c.user_hi, c.group_id, m.seq, m.wire_id, "
                        + "m.sender_id, m.payload, m.created_at, m.server_ts, m.id, "
                        + "(SELECT count(*) FROM message u WHERE u.conversation_id = c.id "
                        + "AND u.seq > GREATEST(COALESCE(r.read_seq, 0), COALESCE(g.joined_seq, 0)) AND u.sender_id <> ?1) "
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
                    ((Number) row[10]).longValue(), ((Number) row[11]).longValue(), ((Number) row[12]).longValue());
        }).toList();
    }

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

    /** A row of the recent-conversations list, with internal ids; {@code peerId} is the group's id for C2G. */
    public record RecentConversation(long conversationId, ConversationKind kind, long peerId, long lastSeq, String lastWireId, long lastSenderId,
                                     String lastPayload, long lastCreatedAt, long lastServerTs, long lastMessageId, long unread) {
    }

    /** SPEC §5.5: keeps each device's newest {@code limit} pending deliveries; the number dropped. */
    public int trimBacklogs(int limit) {
        return em.createNativeQuery("DELETE FROM delivery WHERE (device_id, message_id) IN ("
                        + "SELECT device_id, message_id FROM (SELECT device_id, message_id, ROW_NUMBER() OVER "
                        + "(PARTITION BY device_id ORDER BY created_at DESC, message_id DESC) AS newest FROM delivery "
                        + "WHERE device_id IN (SELECT device_id FROM delivery GROUP BY device_id HAVING count(*) > ?1)) ranked "
                        + "WHERE ranked.newest > ?1)")
                .setParameter(1, limit).executeUpdate();
    }

    /** SPEC §5.5: pending deliveries older than {@code cutoff} expire; the number dropped. */
    public int expireDeliveries(Instant cutoff) {
        return em.createNativeQuery("DELETE FROM delivery WHERE created_at < ?1").setParameter(1, cutoff).executeUpdate();
    }

    private static final String PENDING = "SELECT m.id, m.conversation_id, m.seq, m.wire_id, m.sender_id, c.user_lo, c.user_hi, "
            + "m.payload, m.created_at, m.server_ts, m.sender_device_id, c.kind, c.group_id "
            + "FROM delivery d JOIN message m ON m.id = d.message_id JOIN conversation c ON c.id = m.conversation_id "
            + "WHERE d.device_id = ?1 ";

    /** A device's backlog, conversation by conversation in seq order, at most {@code limit} rows. */
    public List<PendingMessage> backlog(long deviceId, int limit) {
        return pending(em.createNativeQuery(PENDING + "ORDER BY d.conversation_id, d.seq")
                .setParameter(1, deviceId).setMaxResults(limit));
    }

    /** What a device still has to get in one conversation strictly between two seqs, in order. */
    public List<PendingMessage> pendingBetween(long deviceId, long conversationId, long afterSeq, long beforeSeq) {
        return pending(em.createNativeQuery(PENDING + "AND d.conversation_id = ?2 AND d.seq > ?3 AND d.seq < ?4 ORDER BY d.seq")
                .setParameter(1, deviceId).setParameter(2, conversationId)
                .setParameter(3, afterSeq).setParameter(4, beforeSeq));
    }

    /**
     * Settles a device's copy of the message of the given kind ({@code C2C}, {@code S2C}) it knows by
     * its wire id; the number of rows removed.
     */
    public int acknowledge(long deviceId, ConversationKind wireType, String wireId) {
        // A group's notices are S2C on the wire too.
        ConversationKind alsoKind = wireType == ConversationKind.NOTICES ? ConversationKind.GROUP_NOTICES : wireType;
        return em.createNativeQuery("DELETE FROM delivery WHERE device_id = ?1 AND message_id IN "
                        + "(SELECT d.message_id FROM delivery d JOIN message m ON m.id = d.message_id "
                        + "JOIN conversation c ON c.id = d.conversation_id "
                        + "WHERE d.device_id = ?1 AND m.wire_id = ?2 AND c.kind IN (?3, ?4))")
                .setParameter(1, deviceId).setParameter(2, wireId).setParameter(3, wireType.code()).setParameter(4, alsoKind.code())
                .executeUpdate();
    }

    /** Chat messages (not notices) stored since {@code since}, cluster-wide. */
    public long messagesSince(long since) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM message m JOIN conversation c ON c.id = m.conversation_id "
                + "WHERE c.kind IN ('C2C', 'C2G') AND m.server_ts > ?1").setParameter(1, since).getSingleResult()).longValue();
    }

    /** Pending deliveries: how many, on how many devices, and the largest backlog of one device. */
    public BacklogFigures backlogFigures() {
        Object[] row = (Object[]) em.createNativeQuery("SELECT coalesce(sum(n), 0), count(*), coalesce(max(n), 0) "
                + "FROM (SELECT count(*) AS n FROM delivery GROUP BY device_id) per_device").getSingleResult();
        return new BacklogFigures(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
    }

    public record BacklogFigures(long pending, long devices, long largest) {
    }

    /** Settles a device's copies of these messages at once; the number of rows removed. */
    public int settle(long deviceId, List<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return 0;
        }
        return em.createNativeQuery("DELETE FROM delivery WHERE device_id = :device AND message_id IN (:ids)")
                .setParameter("device", deviceId).setParameter("ids", messageIds).executeUpdate();
    }

    /** A device's copy of a message: a delivery row's key. */
    public record DeviceMessage(long deviceId, long messageId) {
    }

    /** Deletes these delivery rows, a statement per {@link RowValues#MAX_KEYS} of them. */
    public void settleAll(List<DeviceMessage> copies) {
        List<DeviceMessage> sorted = copies.stream()
                .sorted(Comparator.comparingLong(DeviceMessage::deviceId).thenComparingLong(DeviceMessage::messageId))
                .toList();
        for (List<DeviceMessage> chunk : RowValues.chunks(sorted)) {
            RowValues.bind(em.createNativeQuery("DELETE FROM delivery WHERE (device_id, message_id) IN ("
                            + RowValues.placeholders(chunk.size(), 2, 1) + ")"),
                    chunk, 1, key -> new Object[] {key.deviceId(), key.messageId()}).executeUpdate();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<PendingMessage> pending(Query query) {
        return ((List<Object[]>) query.getResultList()).stream().map(PendingMessage::of).toList();
    }

    /**
     * A pending message with what its frame needs; ids are internal. {@code peerId} is the other user
     * of a direct conversation, or the recipient for the user's notices; {@code groupId} is set for a
     * group's messages and notices.
     */
    public record PendingMessage(long messageId, long conversationId, long seq, String wireId, long senderId,
                                 long peerId, String payload, long createdAt, long serverTs, long senderDeviceId,
                                 ConversationKind kind, Long groupId) {
        static PendingMessage of(Object[] row) {
            long senderId = ((Number) row[4]).longValue();
            long peer = 0;
            if (row[5] != null) {
                long lo = ((Number) row[5]).longValue();
                long hi = ((Number) row[6]).longValue();
                peer = senderId == lo ? hi : lo;
            }
            return new PendingMessage(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                    ((Number) row[2]).longValue(), (String) row[3], senderId, peer,
                    (String) row[7], ((Number) row[8]).longValue(), ((Number) row[9]).longValue(),
                    row[10] == null ? 0 : ((Number) row[10]).longValue(), ConversationKind.ofCode((String) row[11]),
                    row[12] == null ? null : ((Number) row[12]).longValue());
        }
    }
}
