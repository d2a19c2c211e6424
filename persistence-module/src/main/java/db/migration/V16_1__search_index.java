package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The full-text index of message search (issue 25, docs/ARCHITECTURE.md "Search"), on PostgreSQL
 * only: H2, the embedded default, has no text search and no GIN, so there this migration does
 * nothing and search falls back to a substring match (MessageSearch in the repository).
 *
 * <p>What is indexed is {@code chorus_search_text(payload)}: the payload's {@code text} field (a
 * text message, or an edited one's latest text), with every CJK character (Han, kana, Hangul) set
 * apart by spaces, under the {@code simple} configuration (lower-cased words, no stemming, no stop
 * words: the same for every language). Searching a CJK word then looks for its characters as a
 * phrase, one after the other, which the default parser alone cannot do (it takes a whole run of
 * CJK text for one word). Both functions are IMMUTABLE, so the words are a generated column,
 * {@code search_doc}, kept by PostgreSQL itself on every insert and update (an edit, a revoke), and
 * the GIN index is over that column. A stored column rather than an expression index because a
 * phrase query (every CJK term is one) rechecks each candidate row: against the stored words that
 * is cheap, recomputed from the JSON payload it took 180 ms for 10,000 candidates (100,000
 * messages, docs/PERFORMANCE.md "Search"); the price is about 40% more table (20 MB to 34 MB there).
 * Adding the column rewrites the message table once, when this migration runs.
 *
 * <p>A Java migration because its SQL is PostgreSQL's only; Flyway finds it beside the SQL ones
 * (location {@code db/migration}) on both databases.
 */
public class V16_1__search_index extends BaseJavaMigration {
    static final String SPACED = "CREATE FUNCTION chorus_search_spaced(t TEXT) RETURNS TEXT "
            + "LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT regexp_replace(t, "
            + "'([\\u1100-\\u11ff\\u3040-\\u30ff\\u3130-\\u318f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff])', ' \\1 ', 'g') $$";
    /**
     * PostgreSQL's JSON types refuse the escape {@code \u0000} (no text can hold NUL), which a
     * payload may carry, so it becomes {@code \u0020} before the cast: the same escape shape, so the
     * JSON stays valid even where the backslash was itself escaped. Without it such a message could
     * not be stored at all (WsFuzzIT found it).
     */
    static final String TEXT = "CREATE FUNCTION chorus_search_text(payload TEXT) RETURNS TEXT "
            + "LANGUAGE SQL IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT COALESCE(chorus_search_spaced("
            + "replace(payload, '\\u0000', '\\u0020')::jsonb ->> 'text'), '') $$";
    static final String COLUMN = "ALTER TABLE message ADD COLUMN search_doc tsvector "
            + "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, chorus_search_text(payload))) STORED";
    static final String INDEX = "CREATE INDEX ix_message_search ON message USING GIN (search_doc)";

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if (!connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(SPACED);
            statement.execute(TEXT);
            statement.execute(COLUMN);
            statement.execute(INDEX);
        }
    }
}
