package io.chorus.domain.friend;

import io.chorus.domain.RowValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Friend requests, friendships and deny-lists. Lists come back with the other user's account and
 * nickname (and presence) in one query each, no N+1.
 */
@ApplicationScoped
public class FriendRepository {
    @PersistenceContext(unitName = "chorus")
    EntityManager em;

    /**
     * Opens a request from {@code from} to {@code to} unless one is open between them (either
     * direction); concurrent attempts are settled by the open-pair constraint without an exception.
     * Returns whether this call created it; {@link #findOpen} then gives the open request.
     */
    public boolean openRequest(long from, long to, String msg, String source, FriendSettings settings, long now) {
        return em.createNativeQuery("INSERT INTO friend_request (id, from_user_id, to_user_id, status, msg, source, remark, "
                        + "role, donotlookhim, donotlethimlook, open_lo, open_hi, created_at) "
                        + "VALUES (nextval('friend_request_seq'), ?1, ?2, 'PENDING', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
                        + "ON CONFLICT DO NOTHING")
                .setParameter(1, from).setParameter(2, to).setParameter(3, msg).setParameter(4, source)
                .setParameter(5, settings.remark()).setParameter(6, settings.role())
                .setParameter(7, settings.donotlookhim()).setParameter(8, settings.donotlethimlook())
                .setParameter(9, Math.min(from, to)).setParameter(10, Math.max(from, to)).setParameter(11, now)
                .executeUpdate() == 1;
    }

    /** Requests {@code from} opened since {@code since} (epoch ms), whatever became of them. */
    public long sentSince(long from, long since) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM friend_request WHERE from_user_id = ?1 AND created_at >= ?2")
                .setParameter(1, from).setParameter(2, since).getSingleResult()).longValue();
    }

    /** Requests {@code from} sent that still wait (pending, or ignored, which looks pending to them). */
    public long openSent(long from) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM friend_request WHERE from_user_id = ?1 "
                        + "AND status IN ('PENDING', 'IGNORED')")
                .setParameter(1, from).getSingleResult()).longValue();
    }

    /** Requests that wait for {@code to}'s decision, or that it set aside. */
    public long openReceived(long to) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM friend_request WHERE to_user_id = ?1 "
                        + "AND status IN ('PENDING', 'IGNORED')")
                .setParameter(1, to).getSingleResult()).longValue();
    }

    /** The open request between two users, either direction. */
    public Optional<FriendRequest> findOpen(long userA, long userB) {
        return em.createQuery("select r from FriendRequest r where r.openLo = :lo and r.openHi = :hi", FriendRequest.class)
                .setParameter("lo", Math.min(userA, userB)).setParameter("hi", Math.max(userA, userB))
                .getResultStream().findFirst();
    }

    /** A request, locked: two concurrent decisions on it happen one after the other. */
    public Optional<FriendRequest> lockRequest(long id) {
        return Optional.ofNullable(em.find(FriendRequest.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** Requests the user received that wait for a decision (ignored ones are set aside). */
    public List<RequestRow> incoming(long userId, int limit) {
        return requests("r.to_user_id = ?1 AND r.status = 'PENDING'", "r.from_user_id", userId, limit);
    }

    /** Requests the user sent that are still open (an ignored one looks pending to its applicant). */
    public List<RequestRow> outgoing(long userId, int limit) {
        return requests("r.from_user_id = ?1 AND r.status IN ('PENDING', 'IGNORED')", "r.to_user_id", userId, limit);
    }

    @SuppressWarnings("unchecked")
    private List<RequestRow> requests(String where, String otherColumn, long userId, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT r.id, r.from_user_id, r.to_user_id, r.msg, r.source, r.created_at, "
                        + "u.account, u.nickname FROM friend_request r JOIN app_user u ON u.id = " + otherColumn
                        + " WHERE " + where + " ORDER BY r.created_at DESC, r.id DESC")
                .setParameter(1, userId).setMaxResults(limit).getResultList();
        return rows.stream().map(row -> new RequestRow(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                ((Number) row[2]).longValue(), (String) row[3], (String) row[4], ((Number) row[5]).longValue(),
                (String) row[6], (String) row[7])).toList();
    }

    public Optional<Friendship> findFriendship(long ownerId, long friendId) {
        return Optional.ofNullable(em.find(Friendship.class, new Friendship.Key(ownerId, friendId)));
    }

    /** Creates or updates the owner's side of a friendship. */
    public void befriend(long ownerId, long friendId, FriendSettings settings, long now) {
        findFriendship(ownerId, friendId).ifPresentOrElse(existing -> existing.apply(settings),
                () -> em.persist(new Friendship(ownerId, friendId, settings, now)));
    }

    /** One-sided: the owner no longer has the friend; the friend's row, if any, stays. */
    public boolean unfriend(long ownerId, long friendId) {
        return em.createQuery("delete from Friendship f where f.ownerId = :owner and f.friendId = :friend")
                .setParameter("owner", ownerId).setParameter("friend", friendId).executeUpdate() > 0;
    }

    public boolean isFriend(long ownerId, long friendId) {
        return !em.createNativeQuery("SELECT 1 FROM friendship WHERE owner_id = ?1 AND friend_id = ?2")
                .setParameter(1, ownerId).setParameter(2, friendId).getResultList().isEmpty();
    }

    /**
     * The owner's friends with their profile and presence: online while a device of theirs is
     * connected on any node, unless they chose to hide.
     */
    @SuppressWarnings("unchecked")
    public List<FriendRow> friends(long ownerId) {
        List<Object[]> rows = em.createNativeQuery("SELECT f.friend_id, u.account, u.nickname, f.remark, f.role, "
                        + "f.donotlookhim, f.donotlethimlook, f.created_at, "
                        + "CASE WHEN u.presence <> 'hide' AND EXISTS (SELECT 1 FROM device_connection c WHERE c.user_id = u.id) "
                        + "THEN 1 ELSE 0 END "
                        + "FROM friendship f JOIN app_user u ON u.id = f.friend_id WHERE f.owner_id = ?1 "
                        + "ORDER BY u.account")
                .setParameter(1, ownerId).getResultList();
        return rows.stream().map(row -> new FriendRow(((Number) row[0]).longValue(), (String) row[1], (String) row[2],
                new FriendSettings((String) row[3], (String) row[4], (Boolean) row[5], (Boolean) row[6]),
                ((Number) row[7]).longValue(), ((Number) row[8]).intValue() == 1)).toList();
    }

    /** The users who have {@code userId} as a friend: the audience of its presence. */
    @SuppressWarnings("unchecked")
    public List<Long> friendOf(long userId) {
        return ((List<Number>) em.createNativeQuery("SELECT owner_id FROM friendship WHERE friend_id = ?1")
                .setParameter(1, userId).getResultList()).stream().map(Number::longValue).toList();
    }

    /** Adds to the owner's deny-list; returns false if it was there already. */
    public boolean deny(long ownerId, long deniedId, long now) {
        return em.createNativeQuery("INSERT INTO denylist (owner_id, denied_id, created_at) VALUES (?1, ?2, ?3) "
                        + "ON CONFLICT DO NOTHING")
                .setParameter(1, ownerId).setParameter(2, deniedId).setParameter(3, now).executeUpdate() == 1;
    }

    public boolean undeny(long ownerId, long deniedId) {
        return em.createNativeQuery("DELETE FROM denylist WHERE owner_id = ?1 AND denied_id = ?2")
                .setParameter(1, ownerId).setParameter(2, deniedId).executeUpdate() == 1;
    }

    /** Logs that {@code ownerId}'s entry for {@code friendId} changed ({@link RosterChange}), in the caller's transaction. */
    public void recordChange(long ownerId, long friendId, int type, long stamp) {
        em.createNativeQuery("INSERT INTO roster_change (id, user_id, friend_id, change_type, stamp) "
                        + "VALUES (nextval('roster_change_seq'), ?1, ?2, ?3, ?4)")
                .setParameter(1, ownerId).setParameter(2, friendId).setParameter(3, type).setParameter(4, stamp)
                .executeUpdate();
    }

    /** The owner's roster changes stamped after {@code after}, oldest first, at most {@code limit}. */
    @SuppressWarnings("unchecked")
    public List<RosterChange> changesSince(long ownerId, long after, int limit) {
        List<Object[]> rows = em.createNativeQuery("SELECT user_id, friend_id, change_type, stamp FROM roster_change "
                        + "WHERE user_id = ?1 AND stamp > ?2 ORDER BY stamp, id")
                .setParameter(1, ownerId).setParameter(2, after).setMaxResults(limit).getResultList();
        return rows.stream().map(row -> new RosterChange(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                ((Number) row[2]).intValue(), ((Number) row[3]).longValue())).toList();
    }

    /** Forgets roster changes stamped before {@code cutoff} (epoch ms): the log's retention. */
    public int purgeChangesBefore(long cutoff) {
        return em.createNativeQuery("DELETE FROM roster_change WHERE stamp < ?1").setParameter(1, cutoff).executeUpdate();
    }

    /** A directed pair of users: {@code ownerId}'s view of {@code otherId}. */
    public record Edge(long ownerId, long otherId) {
    }

    /**
     * Which of these edges are friendships ({@link #isFriend}) and, for each, whether its owner also
     * deny-lists the friend ({@link #isDenied}); edges that are no friendship are absent. One query
     * for a whole batch of sends.
     */
    @SuppressWarnings("unchecked")
    public Map<Edge, Boolean> friendshipsWithDenial(List<Edge> edges) {
        Map<Edge, Boolean> friendships = new HashMap<>();
        for (List<Edge> chunk : RowValues.chunks(edges)) {
            Query query = em.createNativeQuery("SELECT f.owner_id, f.friend_id, CASE WHEN EXISTS (SELECT 1 FROM denylist d "
                    + "WHERE d.owner_id = f.owner_id AND d.denied_id = f.friend_id) THEN 1 ELSE 0 END FROM friendship f "
                    + "WHERE (f.owner_id, f.friend_id) IN (" + RowValues.placeholders(chunk.size(), 2, 1) + ")");
            for (Object[] row : (List<Object[]>) RowValues.bind(query, chunk, 1,
                    edge -> new Object[] {edge.ownerId(), edge.otherId()}).getResultList()) {
                friendships.put(new Edge(((Number) row[0]).longValue(), ((Number) row[1]).longValue()),
                        ((Number) row[2]).intValue() == 1);
            }
        }
        return friendships;
    }

    public boolean isDenied(long ownerId, long deniedId) {
        return !em.createNativeQuery("SELECT 1 FROM denylist WHERE owner_id = ?1 AND denied_id = ?2")
                .setParameter(1, ownerId).setParameter(2, deniedId).getResultList().isEmpty();
    }

    @SuppressWarnings("unchecked")
    public List<DeniedRow> denylist(long ownerId) {
        List<Object[]> rows = em.createNativeQuery("SELECT d.denied_id, u.account, u.nickname, d.created_at "
                        + "FROM denylist d JOIN app_user u ON u.id = d.denied_id WHERE d.owner_id = ?1 ORDER BY d.created_at DESC")
                .setParameter(1, ownerId).getResultList();
        return rows.stream().map(row -> new DeniedRow(((Number) row[0]).longValue(), (String) row[1], (String) row[2],
                ((Number) row[3]).longValue())).toList();
    }

    /** A request with the other party's profile (the applicant for the inbox, the target for the outbox). */
    public record RequestRow(long id, long fromUserId, long toUserId, String msg, String source, long createdAt,
                             String otherAccount, String otherNickname) {
    }

    public record FriendRow(long friendId, String account, String nickname, FriendSettings settings, long since,
                            boolean online) {
    }

    public record DeniedRow(long deniedId, String account, String nickname, long since) {
    }
}
