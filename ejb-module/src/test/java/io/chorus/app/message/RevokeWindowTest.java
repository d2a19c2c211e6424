package io.chorus.app.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import org.junit.jupiter.api.Test;

/** SPEC §4's revoke window: 120 s here, the message stored at t = 1,000,000 ms. */
class RevokeWindowTest {
    private static final RevokeWindow WINDOW = new RevokeWindow(120);
    private static final long STORED = 1_000_000;

    @Test
    void revoke_insideWindow_revokes() {
        assertTrue(WINDOW.revokeNow(false, STORED, STORED + 60_000));
    }

    @Test
    void revoke_atTheEdge_revokes() {
        assertTrue(WINDOW.revokeNow(false, STORED, STORED + 120_000));
    }

    @Test
    void revoke_afterWindow_isTooLate() {
        ChorusException refused = assertThrows(ChorusException.class, () -> WINDOW.revokeNow(false, STORED, STORED + 120_001));
        assertEquals(ErrorCode.REVOKE_TOO_LATE, refused.code());
    }

    @Test
    void revoke_twice_answersTheSame_withoutRevokingAgain() {
        assertFalse(WINDOW.revokeNow(true, STORED, STORED + 1_000), "revoked already: nothing to do, no refusal");
    }

    @Test
    void revoke_twice_afterWindow_stillAnswersTheSame() {
        assertFalse(WINDOW.revokeNow(true, STORED, STORED + 3_600_000));
    }
}
