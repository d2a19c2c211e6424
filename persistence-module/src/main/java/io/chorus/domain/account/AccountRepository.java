package io.chorus.domain.account;

import io.chorus.domain.RowValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** JPA access to users and their devices; joins the caller's transaction. */
@ApplicationScoped
public class AccountRepository {
    @PersistenceContext(unitName = "chorus")
    EntityManager em;

    public UserAccount save(UserAccount user) {
        em.persist(user);
        em.flush(); // surfaces the unique-account constraint here, inside the service's transaction
        return user;
    }

    public Device save(Device device) {
        em.persist(device);
        em.flush();
        return device;
    }

    public Optional<UserAccount> findUser(long id) {
        return Optional.ofNullable(em.find(UserAccount.class, id));
    }

    /** Which of these user ids exist: {@link #findUser} for a batch, without loading the users. */
    @SuppressWarnings("unchecked")
    public Set<Long> existingUserIds(List<Long> ids) {
        Set<Long> existing = new HashSet<>();
        for (List<Long> chunk : RowValues.chunks(ids)) {
            Query query = em.createNativeQuery("SELECT id FROM app_user WHERE id IN ("
                    + RowValues.placeholders(chunk.size(), 1, 1) + ")");
            for (Object id : RowValues.bind(query, chunk, 1, id -> new Object[] {id}).getResultList()) {
                existing.add(((Number) id).longValue());
            }
        }
        return existing;
    }

    /**
     * Deletes the users whose account starts with {@code prefix} (taken literally) and, through the
     * schema's ON DELETE CASCADE, everything of theirs: devices, friendships, conversations, messages,
     * deliveries. For the start-up warm-up's own accounts only (their names are ones no user can
     * register); a plain SQL delete, so the database cascades instead of JPA loading each row.
     */
    public int removeByAccountPrefix(String prefix) {
        return em.createNativeQuery("DELETE FROM app_user WHERE account LIKE ? ESCAPE '\\'")
                .setParameter(1, likePrefix(prefix))
                .executeUpdate();
    }

    /**
     * Deletes at most {@code limit} messages sent by users whose account starts with {@code prefix}
     * (their copies and edits by the schema's cascades); how many. In batches, so that each
     * statement stays short: one DELETE of a hundred thousand messages ran past the driver's read
     * timeout, and PostgreSQL went on with it, orphaned, for minutes.
     */
    public int removeMessagesByAccountPrefix(String prefix, int limit) {
        return em.createNativeQuery("DELETE FROM message WHERE id IN (SELECT m.id FROM message m JOIN app_user u ON u.id = m.sender_id"
                        + " WHERE u.account LIKE ?1 ESCAPE '\\' LIMIT ?2)")
                .setParameter(1, likePrefix(prefix))
                .setParameter(2, limit)
                .executeUpdate();
    }

    /** Presence rows (open sockets) of the users whose account starts with {@code prefix}. */
    public long connectionsByAccountPrefix(String prefix) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM device_connection c JOIN app_user u ON u.id = c.user_id"
                        + " WHERE u.account LIKE ? ESCAPE '\\'")
                .setParameter(1, likePrefix(prefix))
                .getSingleResult()).longValue();
    }

    public Optional<UserAccount> findByAccount(String account) {
        return em.createQuery("select u from UserAccount u where u.account = :account", UserAccount.class)
                .setParameter("account", account)
                .getResultStream().findFirst();
    }

    public Optional<Device> findDevice(long id) {
        return Optional.ofNullable(em.find(Device.class, id));
    }

    /** The device with its user, in one query: the hot path of every authenticated request. */
    public Optional<Device> findDeviceWithUser(long id) {
        return em.createQuery("select d from Device d join fetch d.user where d.id = :id", Device.class)
                .setParameter("id", id)
                .getResultStream().findFirst();
    }

    public Optional<Device> findDevice(long userId, String did) {
        return em.createQuery("select d from Device d where d.user.id = :userId and d.did = :did", Device.class)
                .setParameter("userId", userId)
                .setParameter("did", did)
                .getResultStream().findFirst();
    }

    /** The user, its row locked for this transaction: one presence decision per user at a time. */
    public Optional<UserAccount> lockUser(long id) {
        return Optional.ofNullable(em.find(UserAccount.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The user's devices, oldest first. */
    public List<Device> devices(long userId) {
        return em.createQuery("select d from Device d where d.user.id = :userId order by d.createdAt, d.id", Device.class)
                .setParameter("userId", userId)
                .getResultList();
    }

    /** Removes the device; the database cascades to its deliveries and its connection row. */
    public void remove(Device device) {
        em.remove(device);
    }

    public void flush() {
        em.flush();
    }

    /** Enabled users whose account starts with {@code prefix} (already lower-cased), by account. */
    public List<UserAccount> searchByAccount(String prefix, int limit) {
        return em.createQuery("select u from UserAccount u where u.enabled = true and u.account like :prefix escape '\\' "
                        + "order by u.account", UserAccount.class)
                .setParameter("prefix", likePrefix(prefix))
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * The admin console's search: every user, disabled ones too, whose account starts with
     * {@code prefix} (already lower-cased; empty: the newest), at most {@code limit}.
     */
    public List<UserAccount> searchAll(String prefix, int limit) {
        return em.createQuery("select u from UserAccount u where u.account like :prefix escape '\\' "
                        + (prefix.isEmpty() ? "order by u.id desc" : "order by u.account"), UserAccount.class)
                .setParameter("prefix", likePrefix(prefix))
                .setMaxResults(limit)
                .getResultList();
    }

    /** Every enabled user's id, for a notice to everyone. */
    public List<Long> enabledUserIds() {
        return em.createQuery("select u.id from UserAccount u where u.enabled = true order by u.id", Long.class).getResultList();
    }

    /** A LIKE pattern matching what starts with {@code prefix}, its wildcards taken literally. */
    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
