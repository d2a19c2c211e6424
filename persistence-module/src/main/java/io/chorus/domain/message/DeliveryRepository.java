package io.chorus.domain.message;

import io.chorus.domain.RowValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code delivery} table: one small row per recipient device of a stored message, never a copy
 * of the message. A device's rows are its backlog; a row goes when the device has the message
 * ({@link #settle}, or {@link #settleByWireId} for a copy the node does not know), when the backlog
 * bounds drop it ({@link #trimBacklogs}, {@link #expireOlderThan}), when its user leaves the group
 * ({@link #dropGroupBacklog}) or with its device. Rows are added with one {@code INSERT … SELECT}
 * over the recipients' devices.
 */
@ApplicationScoped
public class DeliveryRepository {
    @PersistenceContext(unitName = "chorus")
    EntityManager em;

    /**
     * A delivery row for every device of both users of each new direct message but its sending
     * device, in one statement for all of them (per {@link RowValues#MAX_KEYS}): the devices that
     * exist when the message is committed are the ones that must get it (SPEC §5). The messages are
     * saved already ({@link MessageRepository#saveAll}).
     */
    public void addForDirect(List<Message> fresh, Instant now) {
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

    /** One delivery row for every device of {@code userId}: a stored notice's recipients. */
    public int addForUser(Message message, long userId, Instant now) {
        return addForUser(message, userId, 0, now);
    }

    /** One delivery row for every device of {@code userId} but {@code exceptDeviceId} (0: none). */
    public int addForUser(Message message, long userId, long exceptDeviceId, Instant now) {
        return em.createNativeQuery("INSERT INTO delivery (device_id, message_id, conversation_id, seq, created_at) "
                        + "SELECT d.id, ?1, ?2, ?3, ?4 FROM device d WHERE d.user_id = ?5 AND d.id <> ?6")
                .setParameter(1, message.getId()).setParameter(2, message.getConversationId())
                .setParameter(3, message.getSeq()).setParameter(4, now).setParameter(5, userId)
                .setParameter(6, exceptDeviceId)
                .executeUpdate();
    }

    /**
     * One delivery row for every device of every current member of the group but the sending
     * device (none for a notice): the message itself is stored once.
     */
    public int addForGroup(Message message, long groupId, long exceptDeviceId, Instant now) {
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
     * The newest pending seq of every conversation of every device with a socket on this node, from
     * the {@code device_connection} rows the node wrote: the delivery sweep's one query. It reads each
     * connected device's rows through the backlog index only, and a connected device's rows are few
     * (it acknowledges what it gets), so it stays cheap with tens of thousands of sockets.
     */
    public List<PendingHead> pendingHeads(String nodeId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT c.user_id, d.device_id, d.conversation_id, max(d.seq) "
                        + "FROM device_connection c JOIN delivery d ON d.device_id = c.device_id WHERE c.node_id = ?1 "
                        + "GROUP BY c.user_id, d.device_id, d.conversation_id")
                .setParameter(1, nodeId).getResultList();
        return rows.stream().map(row -> new PendingHead(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue(), ((Number) row[3]).longValue())).toList();
    }

    /** A connected device's newest pending seq in one conversation. */
    public record PendingHead(long userId, long deviceId, long conversationId, long seq) {
    }

    // --- revokes: what each device still has to hear of (table pending_revoke) ---------------

    /** A revoke for every device of both users of a direct message but the revoking one. */
    public int addRevokeForDirect(long messageId, long exceptDeviceId, Instant now) {
        return em.createNativeQuery("INSERT INTO pending_revoke (device_id, message_id, created_at) "
                        + "SELECT d.id, m.id, ?2 FROM message m JOIN conversation c ON c.id = m.conversation_id "
                        + "JOIN device d ON d.user_id IN (c.user_lo, c.user_hi) WHERE m.id = ?1 AND d.id <> ?3 "
                        + "ON CONFLICT DO NOTHING")
                .setParameter(1, messageId).setParameter(2, now).setParameter(3, exceptDeviceId).executeUpdate();
    }

    /** A revoke for every device of every current member of the group but the revoking one. */
    public int addRevokeForGroup(long messageId, long groupId, long exceptDeviceId, Instant now) {
        return em.createNativeQuery("INSERT INTO pending_revoke (device_id, message_id, created_at) "
                        + "SELECT d.id, ?1, ?2 FROM device d JOIN group_member g ON g.user_id = d.user_id "
                        + "WHERE g.group_id = ?3 AND d.id <> ?4 ON CONFLICT DO NOTHING")
                .setParameter(1, messageId).setParameter(2, now).setParameter(3, groupId).setParameter(4, exceptDeviceId)
                .executeUpdate();
    }

    /** The revokes a device has still to hear of, oldest message first, with what their frames need. */
    public List<PendingRevoke> pendingRevokes(long deviceId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT m.id, m.wire_id, m.sender_id, c.kind, c.user_lo, c.user_hi, "
                        + "c.group_id, m.revoked_at FROM pending_revoke r JOIN message m ON m.id = r.message_id "
                        + "JOIN conversation c ON c.id = m.conversation_id WHERE r.device_id = ?1 ORDER BY m.id")
                .setParameter(1, deviceId).getResultList();
        return rows.stream().map(PendingRevoke::of).toList();
    }

    /** Every pending revoke of a device with a socket on this node: the delivery sweep's second query. */
    public List<DeviceMessage> pendingRevokesOn(String nodeId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT r.device_id, r.message_id FROM device_connection c "
                        + "JOIN pending_revoke r ON r.device_id = c.device_id WHERE c.node_id = ?1")
                .setParameter(1, nodeId).getResultList();
        return rows.stream().map(row -> new DeviceMessage(((Number) row[0]).longValue(), ((Number) row[1]).longValue()))
                .distinct().toList();
    }

    /** The device heard of these revokes. */
    public int settleRevokes(long deviceId, List<Long> messageIds) {
        int settled = 0;
        for (List<Long> chunk : RowValues.chunks(messageIds)) {
            Query delete = em.createNativeQuery("DELETE FROM pending_revoke WHERE device_id = ?1 AND message_id IN ("
                    + RowValues.placeholders(chunk.size(), 1, 2) + ")").setParameter(1, deviceId);
            settled += RowValues.bind(delete, chunk, 2, id -> new Object[] {id}).executeUpdate();
        }
        return settled;
    }

    /**
     * A revoked message as a device must hear of it; {@code peerId} is the other user of a direct
     * conversation (the author's "to"), {@code groupId} set for a group's.
     */
    public record PendingRevoke(long messageId, String wireId, long senderId, ConversationKind kind, long peerId, Long groupId,
                                long revokedAt) {
        static PendingRevoke of(Object[] row) {
            long senderId = ((Number) row[2]).longValue();
            long peer = 0;
            if (row[4] != null) {
                long lo = ((Number) row[4]).longValue();
                long hi = ((Number) row[5]).longValue();
                peer = senderId == lo ? hi : lo;
            }
            return new PendingRevoke(((Number) row[0]).longValue(), (String) row[1], senderId, ConversationKind.ofCode((String) row[3]),
                    peer, row[6] == null ? null : ((Number) row[6]).longValue(), row[7] == null ? 0 : ((Number) row[7]).longValue());
        }
    }

    /** A device's copy of a message: a delivery row's key. */
    public record DeviceMessage(long deviceId, long messageId) {
    }

    /**
     * Settles these copies (the devices have them): deletes their delivery rows, sorted by key, a
     * statement per {@link RowValues#MAX_KEYS} of them. The one way copies a node knows by message id
     * are settled, whether acknowledged (dialect A) or written to the socket (dialect B).
     */
    public void settle(List<DeviceMessage> copies) {
        List<DeviceMessage> sorted = copies.stream()
                .sorted(Comparator.comparingLong(DeviceMessage::deviceId).thenComparingLong(DeviceMessage::messageId))
                .toList();
        for (List<DeviceMessage> chunk : RowValues.chunks(sorted)) {
            RowValues.bind(em.createNativeQuery("DELETE FROM delivery WHERE (device_id, message_id) IN ("
                            + RowValues.placeholders(chunk.size(), 2, 1) + ")"),
                    chunk, 1, key -> new Object[] {key.deviceId(), key.messageId()}).executeUpdate();
        }
    }

    /**
     * Settles a device's copy of the message of the given kind ({@code C2C}, {@code C2G},
     * {@code S2C}) known only by its wire id; the number of rows removed. A different question from
     * {@link #settle}: the acknowledging node does not know the copy (an earlier connection, maybe
     * on another node, sent it), so the message is looked up by wire id, and the answer says whether
     * the device had such a copy at all ({@code unknown_message} if not).
     */
    public int settleByWireId(long deviceId, ConversationKind wireType, String wireId) {
        // A group's notices are S2C on the wire too.
        ConversationKind alsoKind = wireType == ConversationKind.NOTICES ? ConversationKind.GROUP_NOTICES : wireType;
        return em.createNativeQuery("DELETE FROM delivery WHERE device_id = ?1 AND message_id IN "
                        + "(SELECT d.message_id FROM delivery d JOIN message m ON m.id = d.message_id "
                        + "JOIN conversation c ON c.id = d.conversation_id "
                        + "WHERE d.device_id = ?1 AND m.wire_id = ?2 AND c.kind IN (?3, ?4))")
                .setParameter(1, deviceId).setParameter(2, wireId).setParameter(3, wireType.code()).setParameter(4, alsoKind.code())
                .executeUpdate();
    }

    /**
     * SPEC §5.5: keeps each device's newest {@code limit} pending deliveries; the number dropped. First
     * the devices over the limit, in one pass over the table (usually none), then one device at a time
     * through its own rows, so that no plan can make it worse than linear. One statement doing both
     * joined the table with itself, and once ran for minutes under a load's churn, past the driver's
     * read timeout, while PostgreSQL went on with it and held back every vacuum (docs/PERFORMANCE.md
     * step 11).
     */
    public int trimBacklogs(int limit) {
        @SuppressWarnings("unchecked")
        List<Number> over = em.createNativeQuery("SELECT device_id FROM delivery GROUP BY device_id HAVING count(*) > ?1")
                .setParameter(1, limit).getResultList();
        int dropped = 0;
        for (Number device : over) {
            dropped += em.createNativeQuery("DELETE FROM delivery WHERE device_id = ?1 AND message_id IN (SELECT message_id "
                            + "FROM delivery WHERE device_id = ?1 ORDER BY created_at DESC, message_id DESC OFFSET ?2 ROWS)")
                    .setParameter(1, device.longValue()).setParameter(2, limit).executeUpdate();
        }
        return dropped;
    }

    /** SPEC §5.5: pending deliveries older than {@code cutoff} expire; the number dropped. */
    public int expireOlderThan(Instant cutoff) {
        return em.createNativeQuery("DELETE FROM delivery WHERE created_at < ?1").setParameter(1, cutoff).executeUpdate();
    }

    /** Pending deliveries: how many, on how many devices, and the largest backlog of one device. */
    public BacklogFigures backlogFigures() {
        Object[] row = (Object[]) em.createNativeQuery("SELECT coalesce(sum(n), 0), count(*), coalesce(max(n), 0) "
                + "FROM (SELECT count(*) AS n FROM delivery GROUP BY device_id) per_device").getSingleResult();
        return new BacklogFigures(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
    }

    public record BacklogFigures(long pending, long devices, long largest) {
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

        /** Every field but the body: a message's content must never reach a log line. */
        @Override
        public String toString() {
            return "PendingMessage[messageId=" + messageId + ", conversationId=" + conversationId + ", seq=" + seq + ", wireId="
                    + wireId + ", senderId=" + senderId + ", peerId=" + peerId + ", kind=" + kind + ", groupId=" + groupId + "]";
        }
    }
}
