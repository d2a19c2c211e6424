package io.chorus.domain.friend;

/**
 * One row of the roster change log (V11): {@code ownerId}'s entry for {@code friendId} was added,
 * updated or removed at {@code stamp} (epoch ms). The type numbers are JIM's RosterChangeType.
 */
public record RosterChange(long ownerId, long friendId, int type, long stamp) {
    public static final int ADDED = 1;
    public static final int UPDATED = 2;
    public static final int REMOVED = 3;
}
