package io.chorus.app.friend;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.friend.FriendRequestRules.Decision;
import io.chorus.app.friend.FriendRequestRules.Limits;
import io.chorus.domain.friend.FriendRequest.Status;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class FriendRequestRulesTest {
    private static final long ME = 1;
    private static final long THEM = 2;
    private static final BooleanSupplier YES = () -> true;
    private static final BooleanSupplier NO = () -> false;
    private static final BooleanSupplier NOT_ASKED = () -> {
        throw new AssertionError("asked although an earlier check decided");
    };
    private static final LongSupplier COUNT_NOT_ASKED = () -> {
        throw new AssertionError("counted although an earlier bound decided");
    };
    private static final Limits LIMITS = new Limits(100, 200, 1000);

    private static ErrorCode refusal(Executable rule) {
        return assertThrows(ChorusException.class, rule).code();
    }

    // Who may ask.

    @Test
    void request_toStranger_isAllowed() {
        assertDoesNotThrow(() -> FriendRequestRules.checkMayAsk(NO, NO, NO));
    }

    @Test
    void request_toFriendBothWays_isAlreadyFriends() {
        assertEquals(ErrorCode.ALREADY_FRIENDS, refusal(() -> FriendRequestRules.checkMayAsk(YES, YES, NO)));
    }

    @Test
    void request_afterTheTargetDeletedTheCaller_isAllowed() {
        assertDoesNotThrow(() -> FriendRequestRules.checkMayAsk(YES, NO, NO));
    }

    @Test
    void request_afterTheCallerDeletedTheTarget_isAllowed() {
        assertDoesNotThrow(() -> FriendRequestRules.checkMayAsk(NO, YES, NO));
    }

    @Test
    void request_toSomeoneWhoDeniesTheCaller_isInDenylist() {
        assertEquals(ErrorCode.IN_DENYLIST, refusal(() -> FriendRequestRules.checkMayAsk(NO, NO, YES)));
    }

    @Test
    void request_toFriendBothWaysWhoAlsoDeniesTheCaller_isAlreadyFriends() {
        assertEquals(ErrorCode.ALREADY_FRIENDS, refusal(() -> FriendRequestRules.checkMayAsk(YES, YES, NOT_ASKED)));
    }

    @Test
    void request_whenTheCallerDoesNotListTheTarget_neverAsksTheReverseFriendship() {
        assertDoesNotThrow(() -> FriendRequestRules.checkMayAsk(NO, NOT_ASKED, NO));
    }

    @Test
    void request_whileTheCallersOwnRequestIsOpen_isAnsweredAgain() {
        assertDoesNotThrow(() -> FriendRequestRules.checkOpenRequestIsCallers(ME, ME));
    }

    @Test
    void request_whileTheTargetsRequestToTheCallerIsOpen_isRequestPending() {
        assertEquals(ErrorCode.REQUEST_PENDING, refusal(() -> FriendRequestRules.checkOpenRequestIsCallers(THEM, ME)));
    }

    // The bounds on opening one.

    @Test
    void limits_belowEveryBound_pass() {
        assertDoesNotThrow(() -> LIMITS.check(() -> 99, () -> 199, () -> 999));
    }

    @Test
    void limits_atTheDailyBound_areRateLimited_withRetryAfterAnHour() {
        ChorusException refused = assertThrows(ChorusException.class, () -> LIMITS.check(() -> 100, COUNT_NOT_ASKED, COUNT_NOT_ASKED));
        assertEquals(ErrorCode.RATE_LIMITED, refused.code());
        assertEquals(3600, refused.retryAfterSeconds());
        assertEquals("At most 100 friend requests a day; try again later.", refused.getMessage());
    }

    @Test
    void limits_atTheCallersOpenBound_areTooManyOpenRequests() {
        ChorusException refused = assertThrows(ChorusException.class, () -> LIMITS.check(() -> 0, () -> 200, COUNT_NOT_ASKED));
        assertEquals(ErrorCode.TOO_MANY_OPEN_REQUESTS, refused.code());
        assertEquals("At most 200 of your friend requests may wait for an answer.", refused.getMessage());
        assertEquals(0, refused.retryAfterSeconds());
    }

    @Test
    void limits_atTheTargetsOpenBound_areTooManyOpenRequests() {
        ChorusException refused = assertThrows(ChorusException.class, () -> LIMITS.check(() -> 0, () -> 0, () -> 1000));
        assertEquals(ErrorCode.TOO_MANY_OPEN_REQUESTS, refused.code());
        assertEquals("This user has too many friend requests waiting; try again later.", refused.getMessage());
    }

    @Test
    void limits_overEveryBound_areRateLimited_theDailyBoundWins() {
        assertEquals(ErrorCode.RATE_LIMITED, refusal(() -> LIMITS.check(() -> 500, () -> 500, () -> 5000)));
    }

    @Test
    void limits_overBothOpenBounds_nameTheCallersOwn() {
        assertEquals("At most 200 of your friend requests may wait for an answer.",
                assertThrows(ChorusException.class, () -> LIMITS.check(() -> 0, () -> 500, () -> 5000)).getMessage());
    }

    // Deciding.

    @Test
    void decide_byAnyoneButTheTarget_isNotTheirs() {
        assertTrue(FriendRequestRules.decides(ME, ME));
        assertFalse(FriendRequestRules.decides(THEM, ME), "not even the applicant decides");
    }

    @Test
    void accept_pendingOrIgnored_changesIt() {
        assertTrue(Decision.ACCEPT.changes(Status.PENDING));
        assertTrue(Decision.ACCEPT.changes(Status.IGNORED));
    }

    @Test
    void accept_accepted_changesNothing() {
        assertFalse(Decision.ACCEPT.changes(Status.ACCEPTED));
    }

    @Test
    void accept_rejected_isRequestClosed() {
        assertEquals(ErrorCode.REQUEST_CLOSED, refusal(() -> Decision.ACCEPT.changes(Status.REJECTED)));
    }

    @Test
    void reject_pendingOrIgnored_changesIt() {
        assertTrue(Decision.REJECT.changes(Status.PENDING));
        assertTrue(Decision.REJECT.changes(Status.IGNORED));
    }

    @Test
    void reject_rejected_changesNothing() {
        assertFalse(Decision.REJECT.changes(Status.REJECTED));
    }

    @Test
    void reject_accepted_isRequestClosed() {
        assertEquals(ErrorCode.REQUEST_CLOSED, refusal(() -> Decision.REJECT.changes(Status.ACCEPTED)));
    }

    @Test
    void ignore_pending_changesIt() {
        assertTrue(Decision.IGNORE.changes(Status.PENDING));
    }

    @Test
    void ignore_ignored_changesNothing() {
        assertFalse(Decision.IGNORE.changes(Status.IGNORED));
    }

    @Test
    void ignore_acceptedOrRejected_isRequestClosed() {
        assertEquals(ErrorCode.REQUEST_CLOSED, refusal(() -> Decision.IGNORE.changes(Status.ACCEPTED)));
        assertEquals(ErrorCode.REQUEST_CLOSED, refusal(() -> Decision.IGNORE.changes(Status.REJECTED)));
    }

    // What each side sees.

    @Test
    void status_ofIgnoredRequest_looksPendingToTheApplicant() {
        assertEquals("pending", FriendRequestRules.shownStatus(Status.IGNORED, true));
    }

    @Test
    void status_ofIgnoredRequest_isIgnoredToTheTarget() {
        assertEquals("ignored", FriendRequestRules.shownStatus(Status.IGNORED, false));
    }

    @Test
    void status_otherwise_isTheSameToBoth() {
        for (Status status : new Status[] {Status.PENDING, Status.ACCEPTED, Status.REJECTED}) {
            String name = status.name().toLowerCase(java.util.Locale.ROOT);
            assertEquals(name, FriendRequestRules.shownStatus(status, true));
            assertEquals(name, FriendRequestRules.shownStatus(status, false));
        }
    }
}
