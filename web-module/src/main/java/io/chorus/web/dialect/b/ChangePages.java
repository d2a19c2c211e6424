package io.chorus.web.dialect.b;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * One answer of {@code Cmd_GetRosterChanged} / {@code Cmd_GetGroupChanged}: at most {@link #MAX}
 * changes, oldest first. The client asks again from the answer's {@code st} (the newest stamp in it),
 * so a full page must not end inside a millisecond: its trailing changes of the last stamp are left
 * for the next answer, which starts after the stamp before them.
 */
final class ChangePages {
    /** Changes per answer. */
    static final int MAX = 500;

    private ChangePages() {
    }

    /** {@code changes} as read with a limit of {@link #MAX}, cut to whole milliseconds when the page is full. */
    static <T> List<T> whole(List<T> changes, ToLongFunction<T> stamp) {
        if (changes.size() < MAX) {
            return changes;
        }
        long last = stamp.applyAsLong(changes.get(changes.size() - 1));
        int end = changes.size();
        while (end > 0 && stamp.applyAsLong(changes.get(end - 1)) == last) {
            end--;
        }
        // A whole page in one millisecond cannot be cut; it is answered as it is.
        return end == 0 ? changes : changes.subList(0, end);
    }
}
