package io.chorus.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.persistence.Query;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The statement shapes of the batched paths; the repository tests run them on PostgreSQL. */
class RowValuesTest {
    @ParameterizedTest
    @CsvSource({"1,1", "2,2", "3,4", "4,4", "5,8", "17,32", "256,256", "257,512", "512,512"})
    void padded_isTheNextPowerOfTwo(int keys, int padded) {
        assertEquals(padded, RowValues.padded(keys));
    }

    @Test
    void padded_refusesNoKeysAndTooMany() {
        assertThrows(IllegalArgumentException.class, () -> RowValues.padded(0));
        assertThrows(IllegalArgumentException.class, () -> RowValues.padded(RowValues.MAX_KEYS + 1));
    }

    @Test
    void placeholders_pairsAndSingles_numberedFromTheFirstParameter() {
        assertEquals("(?1, ?2), (?3, ?4), (?5, ?6), (?7, ?8)", RowValues.placeholders(3, 2, 1));
        assertEquals("?2, ?3", RowValues.placeholders(2, 1, 2));
        assertEquals("?1", RowValues.placeholders(1, 1, 1));
    }

    @Test
    void chunks_ofAtMostMaxKeys_inOrder() {
        List<Integer> keys = IntStream.range(0, 2 * RowValues.MAX_KEYS + 1).boxed().toList();

        List<List<Integer>> chunks = RowValues.chunks(keys);

        assertEquals(List.of(RowValues.MAX_KEYS, RowValues.MAX_KEYS, 1), chunks.stream().map(List::size).toList());
        assertEquals(keys, chunks.stream().flatMap(List::stream).toList());
        assertEquals(List.of(), RowValues.chunks(List.of()));
    }

    @Test
    void bind_repeatsTheLastKeyUpToThePaddedCount() {
        Map<Integer, Object> bound = new TreeMap<>();

        RowValues.bind(recording(bound), List.of(new long[] {1, 10}, new long[] {2, 20}, new long[] {3, 30}), 2,
                key -> new Object[] {key[0], key[1]});

        assertEquals(Map.of(2, 1L, 3, 10L, 4, 2L, 5, 20L, 6, 3L, 7, 30L, 8, 3L, 9, 30L), bound);
    }

    /** A query that only remembers its positional parameters. */
    private static Query recording(Map<Integer, Object> bound) {
        return (Query) Proxy.newProxyInstance(Query.class.getClassLoader(), new Class<?>[] {Query.class}, (proxy, method, args) -> {
            if (method.getName().equals("setParameter") && args.length == 2 && args[0] instanceof Integer position) {
                bound.put(position, args[1]);
                return proxy;
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }
}
