package io.chorus.web.dialect.b;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

class ChangePagesTest {
    private static final ToLongFunction<Long> STAMP = Long::longValue;

    @Test
    void whole_whenPageNotFull_keepsEverything() {
        List<Long> stamps = List.of(5L, 5L, 6L);
        assertEquals(stamps, ChangePages.whole(stamps, STAMP));
    }

    @Test
    void whole_whenPageFull_leavesTheLastMillisecondForTheNextAnswer() {
        List<Long> stamps = new ArrayList<>();
        for (int i = 0; i < ChangePages.MAX - 3; i++) {
            stamps.add(10L + i);
        }
        stamps.addAll(List.of(9000L, 9000L, 9000L));
        List<Long> page = ChangePages.whole(stamps, STAMP);
        assertEquals(ChangePages.MAX - 3, page.size());
        assertEquals(10L + ChangePages.MAX - 4, page.get(page.size() - 1));
    }

    @Test
    void whole_whenAWholePageIsOneMillisecond_answersItAsItIs() {
        List<Long> stamps = new ArrayList<>();
        for (int i = 0; i < ChangePages.MAX; i++) {
            stamps.add(7L);
        }
        assertEquals(ChangePages.MAX, ChangePages.whole(stamps, STAMP).size());
    }
}
