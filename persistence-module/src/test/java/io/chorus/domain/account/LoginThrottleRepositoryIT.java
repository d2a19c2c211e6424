package io.chorus.domain.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chorus.domain.RepositoryDatabase;
import io.chorus.domain.TestData;
import io.chorus.domain.account.LoginThrottleRepository.Window;
import jakarta.persistence.EntityManager;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RepositoryDatabase.class)
class LoginThrottleRepositoryIT {
    private static final long WINDOW = 60_000;
    private static final long T0 = 1_000_000_000L;

    private final LoginThrottleRepository throttle = new LoginThrottleRepository();
    private final String account = TestData.unique("a:");
    private final String address = TestData.unique("i:");
    private final String pair = TestData.unique("p:");

    @BeforeEach
    void setUp(EntityManager em) {
        throttle.em = em;
    }

    @Test
    void find_returnsOnlyTheKeysThatHaveRows() {
        throttle.countFailure(account, T0, T0 - WINDOW);

        Map<String, Window> rows = throttle.find(account, address, pair);

        assertEquals(Map.of(account, new Window(1, T0, 0)), rows);
    }

    @Test
    void countFailure_firstFailure_opensAWindowAtNow() {
        throttle.countFailure(account, T0, T0 - WINDOW);

        assertEquals(new Window(1, T0, 0), throttle.find(account, address, pair).get(account));
    }

    @Test
    void countFailure_withinTheWindow_countsOnAndKeepsItsStart() {
        throttle.countFailure(account, T0, T0 - WINDOW);
        throttle.countFailure(account, T0 + 10, T0 + 10 - WINDOW);
        throttle.countFailure(account, T0 + 20, T0 + 20 - WINDOW);

        assertEquals(new Window(3, T0, 0), throttle.find(account, address, pair).get(account));
    }

    @Test
    void countFailure_afterTheWindow_startsANewOneAtOne() {
        throttle.countFailure(account, T0, T0 - WINDOW);
        throttle.countFailure(account, T0 + 10, T0 + 10 - WINDOW);
        long later = T0 + WINDOW + 1;

        throttle.countFailure(account, later, later - WINDOW);

        assertEquals(new Window(1, later, 0), throttle.find(account, address, pair).get(account));
    }

    @Test
    void countFailure_countsEachKeyOnItsOwn() {
        throttle.countFailure(account, T0, T0 - WINDOW);
        throttle.countFailure(account, T0, T0 - WINDOW);
        throttle.countFailure(address, T0, T0 - WINDOW);

        Map<String, Window> rows = throttle.find(account, address, pair);

        assertEquals(2, rows.get(account).failures());
        assertEquals(1, rows.get(address).failures());
    }

    @Test
    void countSuccess_newKey_recordsTheSuccessWithoutFailures() {
        throttle.countSuccess(pair, T0);

        assertEquals(new Window(0, T0, T0), throttle.find(account, address, pair).get(pair));
    }

    @Test
    void countSuccess_forgivesTheFailuresAndMarksTheAddress() {
        throttle.countFailure(pair, T0, T0 - WINDOW);
        throttle.countFailure(pair, T0 + 1, T0 + 1 - WINDOW);

        throttle.countSuccess(pair, T0 + 5);

        assertEquals(new Window(0, T0 + 5, T0 + 5), throttle.find(account, address, pair).get(pair));
    }

    @Test
    void purge_dropsEndedWindows_butKeepsRecentSuccessesAndOpenWindows() {
        throttle.countFailure(account, T0, T0 - WINDOW);          // window ended, no success: dropped
        throttle.countSuccess(pair, T0);                           // window ended, success recent: kept
        throttle.countFailure(address, T0 + WINDOW, T0);           // window still open: kept
        String oldPair = TestData.unique("p:");
        throttle.countSuccess(oldPair, T0 - 10 * WINDOW);          // success too old: dropped

        int dropped = throttle.purge(T0 + 1, T0 - WINDOW);

        assertEquals(2, dropped);
        assertEquals(Map.of(pair, new Window(0, T0, T0), address, new Window(1, T0 + WINDOW, 0)),
                throttle.find(account, address, pair));
        assertEquals(Map.of(), throttle.find(oldPair, oldPair, oldPair));
    }
}
