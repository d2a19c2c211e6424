package io.chorus.app.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SearchTermsTest {
    @Test
    void terms_areSplitOnWhiteSpace_once_each() {
        assertEquals(List.of("budget", "Q3", "晚上好"), SearchTerms.of("  budget \t Q3 晚上好 budget "));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "!!!", "ok ---", "a b c d e f g h i"})
    void badQueries_areInvalidField(String q) {
        assertEquals(ErrorCode.INVALID_FIELD, assertThrows(ChorusException.class, () -> SearchTerms.of(q)).code());
    }

    @Test
    void aQueryOverTheLimit_isInvalidField() {
        assertEquals(ErrorCode.INVALID_FIELD, assertThrows(ChorusException.class, () -> SearchTerms.of("x".repeat(201))).code());
    }

    @Test
    void cursors_roundTrip_andBadOnesAreInvalidField() {
        assertArrayEquals(new long[] {1763890000456L, 4242L}, SearchTerms.cursor(SearchTerms.cursor(1763890000456L, 4242L)));
        for (String bad : new String[] {"", "x", "1.2.3", ".5", "-1.5", "1.-5", "zz.", "1 .2"}) {
            assertEquals(ErrorCode.INVALID_FIELD, assertThrows(ChorusException.class, () -> SearchTerms.cursor(bad)).code(), bad);
        }
    }
}
