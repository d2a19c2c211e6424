package io.chorus.domain;

import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Statements about many keys at once, {@code (a, b) IN ((?1, ?2), (?3, ?4), ...)}, for the batched
 * paths (group commits of sends and acks). The number of keys is padded to a power of two (the last
 * key repeated, which changes no result), so a handful of statement shapes serve every batch size
 * and the driver's and Hibernate's statement caches stay small. Row values in {@code IN} work on
 * PostgreSQL and on H2.
 */
public final class RowValues {
    /** The most keys one statement takes; callers with more split them. */
    public static final int MAX_KEYS = 512;

    private RowValues() {
    }

    /** The number of keys a statement for {@code keys} keys has: the next power of two. */
    public static int padded(int keys) {
        if (keys < 1 || keys > MAX_KEYS) {
            throw new IllegalArgumentException("1-" + MAX_KEYS + " keys, not " + keys);
        }
        int padded = Integer.highestOneBit(keys);
        return padded < keys ? padded << 1 : padded;
    }

    /** The keys in runs of at most {@link #MAX_KEYS}: one statement each. */
    public static <K> List<List<K>> chunks(List<K> keys) {
        List<List<K>> chunks = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += MAX_KEYS) {
            chunks.add(keys.subList(from, Math.min(keys.size(), from + MAX_KEYS)));
        }
        return chunks;
    }

    /**
     * The placeholder list for {@code padded(keys)} keys of {@code arity} columns, numbered from
     * {@code firstParameter}: {@code (?1, ?2), (?3, ?4)} (or {@code ?1, ?2} for one column).
     */
    public static String placeholders(int keys, int arity, int firstParameter) {
        StringBuilder sql = new StringBuilder();
        int parameter = firstParameter;
        int padded = padded(keys);
        for (int key = 0; key < padded; key++) {
            sql.append(key == 0 ? "" : ", ").append(arity > 1 ? "(" : "");
            for (int column = 0; column < arity; column++) {
                sql.append(column == 0 ? "?" : ", ?").append(parameter++);
            }
            sql.append(arity > 1 ? ")" : "");
        }
        return sql.toString();
    }

    /**
     * Binds the keys to the placeholders of {@link #placeholders} (same {@code firstParameter}),
     * repeating the last key up to the padded count.
     */
    public static <K> Query bind(Query query, List<K> keys, int firstParameter, Function<K, Object[]> columns) {
        int parameter = firstParameter;
        int padded = padded(keys.size());
        for (int key = 0; key < padded; key++) {
            for (Object value : columns.apply(keys.get(Math.min(key, keys.size() - 1)))) {
                query.setParameter(parameter++, value);
            }
        }
        return query;
    }
}
