package io.chorus.app.push;

import java.util.List;

/**
 * A stored message or notice that may call for pushes, put on the push queue after its commit and
 * looked at once the grace delay has passed: the devices that acknowledged it meanwhile get none.
 * {@code senderId} is the sending user (0: none); {@code contactKind}/{@code contactId} what a mute
 * would name (1 the sending user, 2 the group; 0 never muted: a user's own notices);
 * {@code userIds} whose devices may get it. {@code silent}: the copy never calls for a push of its
 * own and is marked announced instead, so no later push counts it (an edit's notice: docs/PUSH.md).
 */
public record PushCandidate(long messageId, String kind, long senderId, int contactKind, long contactId, List<Long> userIds,
                            boolean silent) {
}
