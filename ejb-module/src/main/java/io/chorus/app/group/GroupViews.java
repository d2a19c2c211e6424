package io.chorus.app.group;

import java.util.List;

/** What the group use cases take and return; these records cross into the web module (JSON). */
public final class GroupViews {
    private GroupViews() {
    }

    public record CreateGroup(String title, String description, List<String> members, Boolean open) {
    }

    /** Absent fields stay as they are. */
    public record EditGroup(String title, String description, Boolean open) {
    }

    public record AddMembers(List<String> uids) {
    }

    /** Absent fields stay as they are; {@code role} {@code owner} hands the group over. */
    public record MemberPatch(String role, Boolean muted) {
    }

    /**
     * A group as a member sees it, with the caller's own {@code role} and {@code muted};
     * {@code members} only in the detail.
     */
    public record GroupView(String gid, String title, String description, boolean open, String owner, long member_count,
                            long created_at, String role, boolean muted, List<MemberView> members) {
    }

    /**
     * A change in group {@code gid}: of the group itself ({@code uid} null) or of its member {@code uid};
     * {@code added} (a group: created), {@code updated} or {@code removed}, at {@code stamp} (ms).
     */
    public record GroupChangeView(String gid, String uid, String change, long stamp) {
    }

    public record MemberView(String uid, String account, String nickname, String role, boolean muted, long joined_at) {
    }
}
