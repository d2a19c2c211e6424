package io.chorus.domain.group;

/**
 * One row of the group change log (V11): in {@code groupId}, member {@code userId} (0: the group
 * itself) was added, updated or removed at {@code stamp} (epoch ms). The type numbers are JIM's
 * GroupChangedType (1 create, 2 updated, 3 removed).
 */
public record GroupChange(long groupId, long userId, int type, long stamp) {
    /** The group itself, as {@code userId}. */
    public static final long GROUP = 0;
    public static final int ADDED = 1;
    public static final int UPDATED = 2;
    public static final int REMOVED = 3;
}
