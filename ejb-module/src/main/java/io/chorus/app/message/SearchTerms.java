package io.chorus.app.message;

import io.chorus.app.error.ChorusException;
import java.util.ArrayList;
import java.util.List;

/**
 * A search query as terms, and the page cursor (docs/REST.md "Search"): {@code q} is 1-200
 * characters of up to 8 whitespace-separated terms, each with at least one letter or digit; each
 * term matches as a phrase of its words (so {@code 晚上好} finds those three characters in a row).
 */
final class SearchTerms {
    static final int MAX_QUERY = 200;
    static final int MAX_TERMS = 8;

    private SearchTerms() {
    }

    static List<String> of(String q) {
        String query = q == null ? "" : q.strip();
        if (query.isEmpty() || query.length() > MAX_QUERY) {
            throw ChorusException.invalid("q must be 1-" + MAX_QUERY + " characters");
        }
        List<String> terms = new ArrayList<>();
        for (String term : query.split("\\s+")) {
            if (term.codePoints().noneMatch(Character::isLetterOrDigit)) {
                throw ChorusException.invalid("every term of q needs a letter or a digit");
            }
            if (!terms.contains(term)) {
                terms.add(term);
            }
        }
        if (terms.size() > MAX_TERMS) {
            throw ChorusException.invalid("q may have at most " + MAX_TERMS + " terms");
        }
        return terms;
    }

    /** The cursor after the hit stored at {@code serverTs} with id {@code messageId}. */
    static String cursor(long serverTs, long messageId) {
        return Long.toString(serverTs, 36) + "." + Long.toString(messageId, 36);
    }

    /** {@code [serverTs, messageId]} of a cursor {@link #cursor(long, long)} made. */
    static long[] cursor(String cursor) {
        int dot = cursor.indexOf('.');
        try {
            if (dot < 1 || dot != cursor.lastIndexOf('.')) {
                throw new NumberFormatException();
            }
            long[] parsed = {Long.parseLong(cursor.substring(0, dot), 36), Long.parseLong(cursor.substring(dot + 1), 36)};
            if (parsed[0] < 0 || parsed[1] < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ChorusException.invalid("before must be a next cursor of a search answer");
        }
    }
}
