package io.chorus.domain.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code login_throttle} table: failed log-ins per key in fixed windows. Counting is one
 * upsert and one conditional update, so concurrent failures on several nodes all count.
 */
@ApplicationScoped
public class LoginThrottleRepository {
    @PersistenceContext(unitName = "chorus")
    EntityManager em;

    /** A key's count in its current window and when the key last logged in (0: never). */
    public record Window(int failures, long windowStart, long lastSuccess) {
    }

    /** The rows of these three keys that exist. */
    @SuppressWarnings("unchecked")
    public Map<String, Window> find(String first, String second, String third) {
        Map<String, Window> windows = new HashMap<>();
        List<Object[]> rows = em.createNativeQuery("SELECT throttle_key, failures, window_start, last_success "
                        + "FROM login_throttle WHERE throttle_key IN (?1, ?2, ?3)")
                .setParameter(1, first).setParameter(2, second).setParameter(3, third).getResultList();
        for (Object[] row : rows) {
            windows.put((String) row[0], new Window(((Number) row[1]).intValue(), ((Number) row[2]).longValue(),
                    row[3] == null ? 0 : ((Number) row[3]).longValue()));
        }
        return windows;
    }

    /** Counts one failure for the key; a window that began before {@code windowFloor} starts again. */
    public void countFailure(String key, long now, long windowFloor) {
        em.createNativeQuery("INSERT INTO login_throttle (throttle_key, failures, window_start) VALUES (?1, 0, ?2) "
                        + "ON CONFLICT DO NOTHING")
                .setParameter(1, key).setParameter(2, now).executeUpdate();
        em.createNativeQuery("UPDATE login_throttle SET "
                        + "failures = CASE WHEN window_start < ?2 THEN 1 ELSE failures + 1 END, "
                        + "window_start = CASE WHEN window_start < ?2 THEN ?3 ELSE window_start END "
                        + "WHERE throttle_key = ?1")
                .setParameter(1, key).setParameter(2, windowFloor).setParameter(3, now).executeUpdate();
    }

    /** A successful log-in for the pair key: its failures are forgiven and the address is known. */
    public void countSuccess(String pairKey, long now) {
        em.createNativeQuery("INSERT INTO login_throttle (throttle_key, failures, window_start, last_success) "
                        + "VALUES (?1, 0, ?2, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, pairKey).setParameter(2, now).executeUpdate();
        em.createNativeQuery("UPDATE login_throttle SET failures = 0, window_start = ?2, last_success = ?2 WHERE throttle_key = ?1")
                .setParameter(1, pairKey).setParameter(2, now).executeUpdate();
    }

    /** Drops rows whose window ended before {@code windowFloor} and that mark no recent success. */
    public int purge(long windowFloor, long successFloor) {
        return em.createNativeQuery("DELETE FROM login_throttle WHERE window_start < ?1 "
                        + "AND (last_success IS NULL OR last_success < ?2)")
                .setParameter(1, windowFloor).setParameter(2, successFloor).executeUpdate();
    }
}
