package io.chorus.app.message;

import io.chorus.domain.message.ConversationKind;
import jakarta.json.JsonObject;
import java.util.List;

/** History and recent conversations as the REST API returns them (SPEC §5.6, §12). */
public final class ConversationViews {
    private ConversationViews() {
    }

    /**
     * A message as the dialect A message frame shows it, with {@code edited_at} when its author
     * edited it ({@code payload} is then the latest version; left out otherwise).
     */
    public record MessageView(String id, String type, String from, String to, JsonObject payload,
                              long created_at, long server_ts, long seq, Long edited_at) {
    }

    /** A page of history in ascending seq; {@code has_more} tells whether older messages remain. */
    public record HistoryPage(List<MessageView> messages, boolean has_more) {
    }

    /** A recent conversation: {@code mentioned} when a message above the caller's read cursor mentions it. */
    public record RecentView(String type, String id, MessageView last, long unread, boolean mentioned) {
    }

    /**
     * A search hit: the conversation ({@code type}, {@code id}: the peer's uid or the gid, as in
     * the history path) and the message, whose {@code seq} is where to jump.
     */
    public record SearchHit(String type, String id, MessageView message) {
    }

    /** A page of search hits, newest first; {@code next} is the cursor of the next page, null after the last. */
    public record SearchPage(List<SearchHit> results, String next) {
    }

    public record ReadCommand(Long seq) {
    }

    /** Message {@code seq}: {@code read} of the {@code of} members who could read it have read it. */
    public record ReadCountView(long seq, long read, long of) {
    }

    /**
     * A stored message with internal ids, as dialect B carries them: {@code mid} the message's id,
     * {@code toId} the other user of a one-to-one conversation (seen from the sender) or the group.
     */
    public record StoredView(long mid, ConversationKind type, long fromUserId, long toId, String payloadJson,
                             long createdAt, long serverTs, long seq) {
    }

    /** Dialect B's history answer: the MIDs the peer (or the group's others) sent, and mine. */
    public record MidLists(List<Long> incoming, List<Long> outgoing) {
    }

    /** A recent conversation for dialect B: its last message and the caller's unread count. */
    public record RecentStored(StoredView last, long unread) {
    }
}
