package io.chorus.app.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chorus.app.event.StoredMessage;
import io.chorus.app.identity.PublicIds;
import io.chorus.domain.message.ConversationKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a committed message becomes on the push queue: the sender to leave out, and what a mute would name. */
class PushSchedulerTest {
    private final PublicIds ids = new PublicIds("k3G7QAe51FCsPW92uEOyq4Bg6Sp8YzVTmnU0liwDjHcXLNrZbRoIxvJhMKtfad", 8);
    private final PushScheduler scheduler = new PushScheduler();

    {
        scheduler.ids = ids;
    }

    @Test
    void direct_isMutedByItsSender() {
        PushCandidate candidate = scheduler.candidateOf(stored(ConversationKind.DIRECT, ids.encode(7), ids.encode(9), List.of(9L, 7L)));
        assertEquals(new PushCandidate(100, "C2C", 7, 1, 7, List.of(9L, 7L)), candidate);
    }

    @Test
    void groupMessageAndGroupNotice_areMutedByTheGroup() {
        assertEquals(new PushCandidate(100, "C2G", 7, 2, 55, List.of(7L, 8L)),
                scheduler.candidateOf(stored(ConversationKind.GROUP, ids.encode(7), ids.encodeGroup(55), List.of(7L, 8L))));
        assertEquals(new PushCandidate(100, "S2G", 7, 2, 55, List.of(8L)),
                scheduler.candidateOf(stored(ConversationKind.GROUP_NOTICES, ids.encode(7), ids.encodeGroup(55), List.of(8L))));
    }

    @Test
    void notice_isNeverMuted_andASelfNoticeNamesItsUserAsSender() {
        assertEquals(new PushCandidate(100, "S2C", 9, 0, 0, List.of(9L)),
                scheduler.candidateOf(stored(ConversationKind.NOTICES, ids.encode(9), ids.encode(9), List.of(9L))));
        assertEquals(0, scheduler.candidateOf(stored(ConversationKind.NOTICES, "system", ids.encode(9), List.of(9L))).senderId(),
                "a sender that is no user id is nobody");
    }

    private static StoredMessage stored(ConversationKind kind, String from, String to, List<Long> users) {
        return new StoredMessage(100, kind, 3, 4, "w", from, to, "{}", 0, 0, 0, users);
    }
}
