package io.chorus.app.friend;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.domain.friend.FriendRequest.Status;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Who may ask whom to be friends, and what deciding a request does in each status (SPEC §7,
 * ARCHITECTURE.md decisions). Opening a request checks, in this order: already friends both ways
 * ({@code already_friends}), denied by the target ({@code in_denylist}); then, only if no request
 * between the two is open, the bounds ({@link Limits}); then an open request of the target's
 * refuses ({@code request_pending}) while the caller's own is answered again.
 *
 * <p>An ignored request is still open: it holds the pair (so the applicant cannot ask again), it
 * looks pending to the applicant, and it can still be accepted or rejected.
 */
final class FriendRequestRules {
    private FriendRequestRules() {
    }

    /**
     * The refusals that hold whatever requests are open. A one-sided friendship (after a one-sided
     * delete) is no obstacle: asking again is how it is mended. Friends both ways are told so even if
     * the target also denies them. Each fact is asked only when the checks before it passed.
     */
    static void checkMayAsk(BooleanSupplier callerListsTarget, BooleanSupplier targetListsCaller,
                            BooleanSupplier targetDeniesCaller) {
        if (callerListsTarget.getAsBoolean() && targetListsCaller.getAsBoolean()) {
            throw new ChorusException(ErrorCode.ALREADY_FRIENDS);
        }
        if (targetDeniesCaller.getAsBoolean()) {
            throw new ChorusException(ErrorCode.IN_DENYLIST);
        }
    }

    /**
     * With a request open between the two (pending or ignored), the caller's own is answered again;
     * the target's refuses: the caller should accept that one.
     */
    static void checkOpenRequestIsCallers(long openRequestApplicantId, long callerId) {
        if (openRequestApplicantId != callerId) {
            throw new ChorusException(ErrorCode.REQUEST_PENDING);
        }
    }

    /** Only a request's target decides it; to anyone else, the applicant included, it does not exist. */
    static boolean decides(long requestTargetId, long callerId) {
        return requestTargetId == callerId;
    }

    /** The applicant never learns that its request was ignored: to it, an ignored request is pending. */
    static String shownStatus(Status status, boolean viewerIsApplicant) {
        return status == Status.IGNORED && viewerIsApplicant ? "pending" : status.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The bounds on opening a request (SPEC §10), checked only when a new request would be opened:
     * asking again for the caller's own open request costs nothing. Counts, not locks: concurrent
     * requests of one user may pass a bound by a few.
     */
    record Limits(int perDay, int maxOpenSent, int maxOpenReceived) {
        /** In this order, each count asked only when the bounds before it held. */
        void check(LongSupplier sentByCallerInLastDay, LongSupplier openSentByCaller, LongSupplier openReceivedByTarget) {
            if (sentByCallerInLastDay.getAsLong() >= perDay) {
                throw new ChorusException(ErrorCode.RATE_LIMITED,
                        "At most " + perDay + " friend requests a day; try again later.", 3600);
            }
            if (openSentByCaller.getAsLong() >= maxOpenSent) {
                throw new ChorusException(ErrorCode.TOO_MANY_OPEN_REQUESTS,
                        "At most " + maxOpenSent + " of your friend requests may wait for an answer.");
            }
            if (openReceivedByTarget.getAsLong() >= maxOpenReceived) {
                throw new ChorusException(ErrorCode.TOO_MANY_OPEN_REQUESTS,
                        "This user has too many friend requests waiting; try again later.");
            }
        }
    }

    /** What the target can do with a request addressed to it. */
    enum Decision {
        /** Makes both friendship rows; again on an accepted request changes nothing; a rejected one is closed. */
        ACCEPT,
        /** Closes the request; again on a rejected request changes nothing; an accepted one is closed. */
        REJECT,
        /** Sets an open request aside; again on an ignored request changes nothing; a decided one is closed. */
        IGNORE;

        /**
         * Whether deciding a request in {@code status} changes it; false when it already is what this
         * decision makes it. Throws {@code request_closed} when the request was decided otherwise.
         */
        boolean changes(Status status) {
            return switch (this) {
                case ACCEPT -> {
                    if (status == Status.REJECTED) {
                        throw new ChorusException(ErrorCode.REQUEST_CLOSED);
                    }
                    yield status.isOpen();
                }
                case REJECT -> {
                    if (status == Status.ACCEPTED) {
                        throw new ChorusException(ErrorCode.REQUEST_CLOSED);
                    }
                    yield status.isOpen();
                }
                case IGNORE -> {
                    if (!status.isOpen()) {
                        throw new ChorusException(ErrorCode.REQUEST_CLOSED);
                    }
                    yield status == Status.PENDING;
                }
            };
        }
    }
}
