package io.chorus.domain.push;

import io.chorus.domain.RowValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Push registrations, mutes, preview policies and the decision's reads. Joins the caller's
 * transaction. Callers that replace a device's registration or decide its push lock the
 * registration first ({@link #lockRegistration}), so two nodes deciding for one device take turns.
 */
@ApplicationScoped
public class PushRepository {
    /** {@code push_mute.contact_kind}, the seed's {@code MessageContact.t}. */
    public static final int CONTACT_USER = 1;
    public static final int CONTACT_GROUP = 2;

    @PersistenceContext(unitName = "chorus")
    EntityManager em;

    /**
     * Sets the device's registration, replacing the one it had; the same target registered by
     * another device before (an app reinstalled, a browser signed in again) is taken from it, so a
     * phone never gets one push twice.
     */
    public void register(PushRegistration registration, Instant now) {
        em.createNativeQuery("DELETE FROM push_registration WHERE device_id = ?1 OR (provider = ?2 AND token = ?3)")
                .setParameter(1, registration.deviceId()).setParameter(2, registration.provider())
                .setParameter(3, registration.token()).executeUpdate();
        em.createNativeQuery("INSERT INTO push_registration (device_id, provider, token, p256dh, auth, topic, sandbox, updated_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
                .setParameter(1, registration.deviceId()).setParameter(2, registration.provider())
                .setParameter(3, registration.token()).setParameter(4, registration.p256dh())
                .setParameter(5, registration.auth()).setParameter(6, registration.topic())
                .setParameter(7, registration.sandbox()).setParameter(8, now)
                .executeUpdate();
    }

    public Optional<PushRegistration> registration(long deviceId) {
        return registrations("SELECT device_id, provider, token, p256dh, auth, topic, sandbox FROM push_registration WHERE device_id = ?1",
                deviceId).stream().findFirst();
    }

    /** The registration, locked until the transaction ends; empty if the device has none. */
    public Optional<PushRegistration> lockRegistration(long deviceId) {
        return registrations("SELECT device_id, provider, token, p256dh, auth, topic, sandbox FROM push_registration "
                + "WHERE device_id = ?1 FOR UPDATE", deviceId).stream().findFirst();
    }

    /** Deletes the device's registration; whether it had one. */
    public boolean forget(long deviceId) {
        return em.createNativeQuery("DELETE FROM push_registration WHERE device_id = ?1")
                .setParameter(1, deviceId).executeUpdate() == 1;
    }

    /** Deletes the registration only while it still names {@code token} (the provider said it is dead). */
    public boolean forgetToken(long deviceId, String token) {
        return em.createNativeQuery("DELETE FROM push_registration WHERE device_id = ?1 AND token = ?2")
                .setParameter(1, deviceId).setParameter(2, token).executeUpdate() == 1;
    }

    /** Marks the device's live sockets background or foreground; how many it has. */
    public int declareBackground(long deviceId, boolean background) {
        return em.createNativeQuery("UPDATE device_connection SET background = ?2 WHERE device_id = ?1")
                .setParameter(1, deviceId).setParameter(2, background).executeUpdate();
    }

    /** Whether the device has a socket, on any node, that has not declared itself in the background. */
    public boolean inForeground(long deviceId) {
        return !em.createNativeQuery("SELECT 1 FROM device_connection WHERE device_id = ?1 AND background = FALSE")
                .setParameter(1, deviceId).setMaxResults(1).getResultList().isEmpty();
    }

    public void mute(long userId, int contactKind, long contactId) {
        em.createNativeQuery("INSERT INTO push_mute (user_id, contact_kind, contact_id) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, userId).setParameter(2, contactKind).setParameter(3, contactId).executeUpdate();
    }

    public void unmute(long userId, int contactKind, long contactId) {
        em.createNativeQuery("DELETE FROM push_mute WHERE user_id = ?1 AND contact_kind = ?2 AND contact_id = ?3")
                .setParameter(1, userId).setParameter(2, contactKind).setParameter(3, contactId).executeUpdate();
    }

    public boolean muted(long userId, int contactKind, long contactId) {
        return !em.createNativeQuery("SELECT 1 FROM push_mute WHERE user_id = ?1 AND contact_kind = ?2 AND contact_id = ?3")
                .setParameter(1, userId).setParameter(2, contactKind).setParameter(3, contactId).getResultList().isEmpty();
    }

    /** The user's own preview policy, or empty for the installation's. */
    public Optional<String> preview(long userId) {
        return em.createNativeQuery("SELECT push_preview FROM app_user WHERE id = ?1").setParameter(1, userId)
                .getResultList().stream().filter(v -> v != null).map(String.class::cast).findFirst();
    }

    /** {@code null} returns the user to the installation's policy. */
    public void setPreview(long userId, String policy) {
        em.createNativeQuery("UPDATE app_user SET push_preview = ?2 WHERE id = ?1")
                .setParameter(1, userId).setParameter(2, policy).executeUpdate();
    }

    /**
     * The registered devices of {@code userIds} that still have to get message {@code messageId}
     * (its copy pending, not announced by a push yet) and have no socket in the foreground anywhere:
     * the devices a push may be for. A device that acknowledged the copy has no row any more.
     */
    @SuppressWarnings("unchecked")
    public List<PushTarget> targets(long messageId, List<Long> userIds) {
        List<PushTarget> found = new ArrayList<>();
        for (List<Long> chunk : RowValues.chunks(userIds)) {
            Query query = em.createNativeQuery("SELECT r.device_id, d.user_id FROM push_registration r "
                    + "JOIN device d ON d.id = r.device_id "
                    + "JOIN delivery x ON x.device_id = r.device_id AND x.message_id = ?1 AND x.pushed = FALSE "
                    + "WHERE d.user_id IN (" + RowValues.placeholders(chunk.size(), 1, 2) + ") "
                    + "AND NOT EXISTS (SELECT 1 FROM device_connection c WHERE c.device_id = r.device_id AND c.background = FALSE)")
                    .setParameter(1, messageId);
            for (Object[] row : (List<Object[]>) RowValues.bind(query, chunk, 2, id -> new Object[] {id}).getResultList()) {
                found.add(new PushTarget(((Number) row[0]).longValue(), ((Number) row[1]).longValue()));
            }
        }
        return found;
    }

    /** Whether the device's copy of the message is still pending and unannounced (read under the registration's lock). */
    public boolean unannounced(long deviceId, long messageId) {
        return !em.createNativeQuery("SELECT 1 FROM delivery WHERE device_id = ?1 AND message_id = ?2 AND pushed = FALSE")
                .setParameter(1, deviceId).setParameter(2, messageId).getResultList().isEmpty();
    }

    /**
     * The newest copy the device has not been told of yet, with its sender's nickname: what the
     * coalesced push shows. Empty if there is none.
     */
    @SuppressWarnings("unchecked")
    public Optional<Unannounced> newestUnannounced(long deviceId) {
        List<Object[]> rows = em.createNativeQuery("SELECT m.id, m.sender_id, u.nickname, m.payload, c.kind, c.user_lo, c.user_hi, c.group_id "
                        + "FROM delivery x JOIN message m ON m.id = x.message_id JOIN conversation c ON c.id = x.conversation_id "
                        + "LEFT JOIN app_user u ON u.id = m.sender_id "
                        + "WHERE x.device_id = ?1 AND x.pushed = FALSE ORDER BY x.created_at DESC, x.seq DESC")
                .setParameter(1, deviceId).setMaxResults(1).getResultList();
        return rows.stream().findFirst().map(row -> new Unannounced(((Number) row[0]).longValue(),
                row[1] == null ? 0 : ((Number) row[1]).longValue(), (String) row[2], (String) row[3], (String) row[4],
                row[5] == null ? 0 : ((Number) row[5]).longValue(), row[6] == null ? 0 : ((Number) row[6]).longValue(),
                row[7] == null ? 0 : ((Number) row[7]).longValue()));
    }

    /** Marks every pending copy of the device as announced; how many there were (the push's count). */
    public int announce(long deviceId) {
        return em.createNativeQuery("UPDATE delivery SET pushed = TRUE WHERE device_id = ?1 AND pushed = FALSE")
                .setParameter(1, deviceId).executeUpdate();
    }

    /** Marks one copy as announced without a push (its conversation is muted), so no later push counts it. */
    public void announceOne(long deviceId, long messageId) {
        em.createNativeQuery("UPDATE delivery SET pushed = TRUE WHERE device_id = ?1 AND message_id = ?2")
                .setParameter(1, deviceId).setParameter(2, messageId).executeUpdate();
    }

    /**
     * The user's unread messages in all conversations (from others, above the read cursor and, in a
     * group, above where the user joined): the badge. The recent list's rule, summed.
     */
    public long unreadTotal(long userId) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM conversation c JOIN message u ON u.conversation_id = c.id "
                        + "LEFT JOIN group_member g ON g.group_id = c.group_id AND g.user_id = ?1 "
                        + "LEFT JOIN conversation_read r ON r.conversation_id = c.id AND r.user_id = ?1 "
                        + "WHERE ((c.kind = 'C2C' AND (c.user_lo = ?1 OR c.user_hi = ?1)) OR (c.kind = 'C2G' AND g.user_id IS NOT NULL)) "
                        + "AND u.seq > GREATEST(COALESCE(r.read_seq, 0), COALESCE(g.joined_seq, 0)) AND u.sender_id <> ?1")
                .setParameter(1, userId).getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    private List<PushRegistration> registrations(String sql, long deviceId) {
        List<Object[]> rows = em.createNativeQuery(sql).setParameter(1, deviceId).getResultList();
        return rows.stream().map(row -> new PushRegistration(((Number) row[0]).longValue(), (String) row[1], (String) row[2],
                (String) row[3], (String) row[4], (String) row[5], Boolean.TRUE.equals(row[6]))).toList();
    }

    /** A device a push may be for, and its user. */
    public record PushTarget(long deviceId, long userId) {
    }

    /** The newest unannounced copy: the message, its sender and conversation ({@code kind} is its code). */
    public record Unannounced(long messageId, long senderId, String senderNickname, String payload, String kind,
                              long userLo, long userHi, long groupId) {
        @Override
        public String toString() {
            return "Unannounced[messageId=" + messageId + ", kind=" + kind + "]";
        }
    }
}
