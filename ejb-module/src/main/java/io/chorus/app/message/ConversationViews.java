package io.chorus.app.message;

import jakarta.json.JsonObject;
import java.util.List;

/** History and recent conversations as the REST API returns them (SPEC §5.6, §12). */
public final class ConversationViews {
    private ConversationViews() {
    }

    /** A message as the dialect A message frame shows it. */
    public record MessageView(String id, String type, String from, String to, JsonObject payload,
                              long created_at, long server_ts, long seq) {
    }

    /** A page of history in ascending seq; {@code has_more} tells whether older messages remain. */
    public record HistoryPage(List<MessageView> messages, boolean has_more) {
    }

    public record RecentView(String type, String id, MessageView last, long unread) {
    }

    public record ReadCommand(Long seq) {
    }
}
