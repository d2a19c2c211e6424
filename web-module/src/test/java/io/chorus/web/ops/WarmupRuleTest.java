package io.chorus.web.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chorus.web.ops.Warmup.Next;
import org.junit.jupiter.api.Test;

/** The warm-up's rule (Warmup#afterRound); WarmupReadinessIT runs it on a node, rehearsal included. */
class WarmupRuleTest {

    @Test
    void roundsGoOnUntilOneIsQuiet() {
        assertEquals(Next.ROUND, Warmup.afterRound(false, false, false));
        assertEquals(Next.ROUND, Warmup.afterRound(false, true, false));
    }

    @Test
    void theFirstQuietRound_isFollowedByTheRehearsal_theNextQuietOneEndsIt() {
        assertEquals(Next.REHEARSAL, Warmup.afterRound(true, false, false));
        assertEquals(Next.END, Warmup.afterRound(true, true, false));
    }

    @Test
    void theBoundEndsItWhateverTheRound() {
        assertEquals(Next.END, Warmup.afterRound(false, false, true));
        assertEquals(Next.END, Warmup.afterRound(true, false, true));
        assertEquals(Next.END, Warmup.afterRound(false, true, true));
    }
}
