package io.chorus.app.friend;

/** What the friend use cases take and return; these records cross into the web module (JSON). */
public final class FriendViews {
    private FriendViews() {
    }

    /** {@code POST /api/friends/requests}: the seed's fields. */
    public record RequestCommand(String to, String msg, String source, String remark, String role,
                                 Boolean donotlookhim, Boolean donotlethimlook) {
    }

    /** Accepting: how the accepter lists the applicant. */
    public record AcceptCommand(String remark, String role, Boolean donotlookhim, Boolean donotlethimlook) {
    }

    /** A change to a friend's entry; absent fields stay as they are. */
    public record FriendPatch(String remark, String role, Boolean donotlookhim, Boolean donotlethimlook) {
    }

    /**
     * A request as its parties see it. {@code status} is {@code pending}, {@code accepted} or
     * {@code rejected} ({@code ignored} only to the target); {@code user} is the other party.
     */
    public record RequestView(String id, String from, String to, String status, String msg, String source,
                              long created_at, UserRef user) {
    }

    /** The other user of a list entry. */
    public record UserRef(String uid, String account, String nickname) {
    }

    /** A friend: profile, my settings for them, and their presence as I may see it. */
    public record FriendView(String uid, String account, String nickname, String remark, String role,
                             boolean donotlookhim, boolean donotlethimlook, String presence, long since) {
    }

    public record DeniedView(String uid, String account, String nickname, long since) {
    }

    /** A change of the caller's entry for {@code uid}: {@code added}, {@code updated} or {@code removed}, at {@code stamp} (ms). */
    public record RosterChangeView(String uid, String change, long stamp) {
    }

    /** The outcome of sending a request: {@code created} is false when it was open already. */
    public record RequestOutcome(RequestView request, boolean created) {
    }
}
