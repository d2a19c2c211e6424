package io.chorus.app.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chorus.domain.message.ConversationKind;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one-shot conversation events cross the topic as JSON-B text, as the other events do, and come back equal. */
class ClusterEventJsonTest {
    private final Jsonb jsonb = JsonbBuilder.create();

    @Test
    void readMoved_roundTrips() {
        assertRoundTrips(new ReadMoved(1, "u1", 10, ConversationKind.DIRECT, "u2", 42, 3, 1763890008000L, List.of(2L)));
        assertRoundTrips(new ReadMoved(1, "u1", 10, ConversationKind.GROUP, "g7", 5, 0, 1763890008000L, List.of()));
    }

    @Test
    void deliveredUpTo_roundTrips() {
        assertRoundTrips(new DeliveredUpTo("u2", 1, "u1", 42, 1763890000600L));
    }

    @Test
    void typing_roundTrips() {
        assertRoundTrips(new Typing("u1", ConversationKind.GROUP, "g7", 1763890009000L, List.of(2L, 3L)));
    }

    private void assertRoundTrips(ClusterEvent event) {
        String json = jsonb.toJson(event);
        assertEquals(event, jsonb.fromJson(json, ClusterEventListener.KINDS.get(event.getClass().getSimpleName())), json);
    }
}
