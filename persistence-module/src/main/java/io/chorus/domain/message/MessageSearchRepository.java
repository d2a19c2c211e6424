package io.chorus.domain.message;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Full-text search of message texts over the conversations a user is in (issue 25): its one-to-one
 * conversations and, for groups, those it is a member of now, from the seq it joined at. Revoked
 * messages are never found (their text is gone anyway). Newest first, paged by a cursor
 * {@code (server_ts, id)} of the last hit.
 *
 * <p>On PostgreSQL the GIN index of migration V16_1 answers it: each term is a phrase of its words
 * (CJK characters set apart, see {@code db.migration.V16_1__search_index}), every term must match.
 * It looks at the newest messages first, in growing windows of {@code server_ts} (the index of
 * migration V18), and stops when the page is full, so a common word does not cost every message
 * that has it ({@link #fullText}).
 * On H2, which has neither, it is a case-insensitive substring match of every term in the text,
 * candidates found by {@code LIKE} on the payload and checked in Java: fine for the embedded
 * development database, not meant for volume.
 */
@ApplicationScoped
public class MessageSearchRepository {
    private static final String COLUMNS = "SELECT m.id, c.kind, c.user_lo, c.user_hi, c.group_id, m.seq, m.wire_id, m.sender_id, "
            + "m.payload, m.created_at, m.server_ts, m.edited_at FROM message m JOIN conversation c ON c.id = m.conversation_id ";
    /** Readable by the user ?1: its own pairs, its groups from its join on; never revoked. */
    private static final String READABLE = "m.revoked_at IS NULL AND ((c.kind = 'C2C' AND (c.user_lo = ?1 OR c.user_hi = ?1)) "
            + "OR (c.kind = 'C2G' AND EXISTS (SELECT 1 FROM group_member g WHERE g.group_id = c.group_id AND g.user_id = ?1 "
            + "AND m.seq > g.joined_seq))) AND (m.server_ts < ?2 OR (m.server_ts = ?2 AND m.id < ?3)) ";
    private static final String ORDER = "ORDER BY m.server_ts DESC, m.id DESC";
    /** How many window sizes before the last, open one; each {@link #GROWTH} times the one before. */
    private static final int WINDOWS = 6;
    private static final int GROWTH = 4;
    private static final int H2_BATCH = 500;
    private static final int H2_MAX_SCANNED = 20_000;

    @PersistenceContext(unitName = "chorus")
    EntityManager em;

    private volatile Boolean fullText;

    /**
     * How many ids the newest window spans (the larger ones 4×, 16×… that, up to {@value #WINDOWS}
     * sizes, then the open last one): 2,048 fills a page of a common word for a user who can read a
     * few percent of the database in the first window. Tests make it small to have several windows
     * in a few rows.
     */
    int firstWindow = 2048;

    /** A message found, with what a client needs to show it and jump to it. */
    public record Hit(long messageId, ConversationKind kind, Long userLo, Long userHi, Long groupId, long seq, String wireId,
                      long senderId, String payload, long createdAt, long serverTs, Long editedAt) {
        static Hit of(Object[] r) {
            return new Hit(num(r[0]), ConversationKind.ofCode((String) r[1]), box(r[2]), box(r[3]), box(r[4]), num(r[5]),
                    (String) r[6], num(r[7]), (String) r[8], num(r[9]), num(r[10]), box(r[11]));
        }
    }

    /**
     * At most {@code limit} of the messages {@code userId} may read whose text has every one of
     * {@code terms}, newest first, older than the cursor ({@code beforeTs}, {@code beforeId}; use
     * {@link Long#MAX_VALUE} for both on the first page).
     */
    public List<Hit> search(long userId, List<String> terms, long beforeTs, long beforeId, int limit) {
        return usesFullText() ? fullText(userId, terms, beforeTs, beforeId, limit) : substring(userId, terms, beforeTs, beforeId, limit);
    }

    /**
     * Whether migration V16_1 made the indexed words column, i.e. the database is PostgreSQL: asked
     * of the information schema, which H2 and PostgreSQL both have, once.
     */
    public boolean usesFullText() {
        Boolean known = fullText;
        if (known == null) {
            known = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM information_schema.columns "
                    + "WHERE LOWER(table_name) = 'message' AND LOWER(column_name) = 'search_doc'").getSingleResult()).longValue() > 0;
            fullText = known;
        }
        return known;
    }

    /**
     * Newest first in windows of {@code server_ts} (step 9 of docs/PERFORMANCE.md): first the
     * newest {@link #firstWindow} messages before the cursor; if that does not fill the page, a
     * larger window (a {@link #GROWTH}× step: 4×, 16×… of the first) that, at the rate of hits so
     * far, should fill it twice over; if none would or nothing was found, the rest of the table.
     * Each window is asked only for what the page still lacks. Without the windows every message of
     * the whole database that has the word was fetched and sorted before the limit (a common word:
     * half the database); with them a common word fills its page in the first window, whose rows
     * the index of V18 bounds, and a rare word (or a user who reads few messages) takes two
     * queries, the second over everything, where it is cheap anyway (few rows have the word, or the
     * planner starts from the user's few conversations). Most searches take one or two windows.
     *
     * <p>The windows are ranges of {@code server_ts}, the order of the answer, so they are
     * disjoint and every hit of a newer window is newer than every hit of an older one: the pages
     * are exactly those of one scan. Where a window starts is the {@code server_ts} of the message
     * some number of ids below the cursor (a primary-key look-up per window, all in one query):
     * ids follow time closely but not exactly (each node allocates them in blocks), which changes
     * only how many rows a window holds, never what the search answers.
     */
    private List<Hit> fullText(long userId, List<String> terms, long beforeTs, long beforeId, int limit) {
        List<long[]> windows = windowStarts(beforeTs, beforeId);
        List<Hit> hits = new ArrayList<>();
        Long upper = null;
        int next = 0;
        while (true) {
            long[] window = next < windows.size() ? windows.get(next) : null;
            Long lower = window == null ? null : window[1];
            hits.addAll(window(userId, terms, beforeTs, beforeId, lower, upper, limit - hits.size()));
            if (hits.size() >= limit || window == null) {
                return hits;
            }
            upper = lower;
            // Hits so far came from window[0] ids: the page wants about limit / hits as many, twice for luck.
            double wanted = hits.isEmpty() ? Double.MAX_VALUE : 2.0 * window[0] * limit / hits.size();
            next++;
            while (next < windows.size() && windows.get(next)[0] < wanted) {
                next++;
            }
        }
    }

    /**
     * The windows' edges, newest first: {ids spanned from the cursor, the {@code server_ts} the
     * window starts at}, the starts strictly decreasing and below the cursor. After them comes the
     * open window, everything older.
     */
    private List<long[]> windowStarts(long beforeTs, long beforeId) {
        StringBuilder sql = new StringBuilder("SELECT ");
        long span = firstWindow; // a long: 4^5 × an int would overflow
        for (int k = 0; k < WINDOWS; k++, span *= GROWTH) {
            sql.append(k == 0 ? "" : ", ").append("(SELECT server_ts FROM message WHERE id <= t.top - ").append(span)
                    .append(" ORDER BY id DESC LIMIT 1)");
        }
        sql.append(" FROM (SELECT LEAST(?1, (SELECT MAX(id) FROM message)) AS top) t");
        Object[] row = (Object[]) em.createNativeQuery(sql.toString()).setParameter(1, beforeId).getSingleResult();
        List<long[]> starts = new ArrayList<>();
        long below = beforeTs;
        span = firstWindow;
        for (Object start : row) {
            if (start != null && num(start) < below) {
                below = num(start);
                starts.add(new long[] {span, below});
            }
            span *= GROWTH;
        }
        return starts;
    }

    /**
     * One window of the search: the hits with {@code lower <= server_ts < upper} (either open when
     * {@code null}) older than the cursor. The bounds are numbers the database gave and go into the
     * SQL as literals, so PostgreSQL plans each window for its own size (a generic plan would guess
     * every range at the same small fraction of the table).
     */
    @SuppressWarnings("unchecked")
    private List<Hit> window(long userId, List<String> terms, long beforeTs, long beforeId, Long lower, Long upper, int limit) {
        StringBuilder sql = new StringBuilder(COLUMNS)
                .append("WHERE m.search_doc @@ (");
        for (int i = 0; i < terms.size(); i++) {
            sql.append(i == 0 ? "" : " && ").append("phraseto_tsquery(CAST('simple' AS regconfig), chorus_search_spaced(?")
                    .append(i + 4).append("))");
        }
        sql.append(") AND ").append(READABLE);
        if (lower != null) {
            sql.append("AND m.server_ts >= ").append(lower.longValue()).append(' ');
        }
        if (upper != null) {
            sql.append("AND m.server_ts < ").append(upper.longValue()).append(' ');
        }
        sql.append(ORDER);
        Query query = em.createNativeQuery(sql.toString())
                .setParameter(1, userId).setParameter(2, beforeTs).setParameter(3, beforeId);
        for (int i = 0; i < terms.size(); i++) {
            query.setParameter(i + 4, terms.get(i));
        }
        return ((List<Object[]>) query.setMaxResults(limit).getResultList()).stream().map(Hit::of).toList();
    }

    @SuppressWarnings("unchecked")
    private List<Hit> substring(long userId, List<String> terms, long beforeTs, long beforeId, int limit) {
        List<String> lowered = terms.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        StringBuilder sql = new StringBuilder(COLUMNS).append("WHERE ");
        for (int i = 0; i < terms.size(); i++) {
            sql.append("LOWER(m.payload) LIKE ?").append(i + 4).append(" ESCAPE '!' AND ");
        }
        sql.append(READABLE).append(ORDER);
        List<Hit> hits = new ArrayList<>();
        long ts = beforeTs;
        long id = beforeId;
        for (int scanned = 0; hits.size() < limit && scanned < H2_MAX_SCANNED; scanned += H2_BATCH) {
            Query query = em.createNativeQuery(sql.toString()).setParameter(1, userId).setParameter(2, ts).setParameter(3, id);
            for (int i = 0; i < lowered.size(); i++) {
                query.setParameter(i + 4, "%" + lowered.get(i).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
            }
            List<Object[]> rows = query.setMaxResults(H2_BATCH).getResultList();
            for (Object[] row : rows) {
                Hit hit = Hit.of(row);
                String text = textOf(hit.payload()).toLowerCase(Locale.ROOT);
                if (lowered.stream().allMatch(text::contains) && hits.size() < limit) {
                    hits.add(hit);
                }
                ts = hit.serverTs();
                id = hit.messageId();
            }
            if (rows.size() < H2_BATCH) {
                break;
            }
        }
        return hits;
    }

    private static String textOf(String payload) {
        try (JsonReader reader = Json.createReader(new StringReader(payload))) {
            JsonObject object = reader.readObject();
            return object.get("text") instanceof JsonString s ? s.getString() : "";
        } catch (JsonException | ClassCastException notAnObject) {
            return "";
        }
    }

    private static long num(Object value) {
        return ((Number) value).longValue();
    }

    private static Long box(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
