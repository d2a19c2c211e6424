package io.chorus.app.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The preview policy as docs/PUSH.md describes it. */
class PushContentTest {
    private static final String TEXT = "{\"msg_type\":\"text\",\"text\":\"See you at 8\"}";

    @Test
    void full_showsSenderAndText() {
        PushNotice notice = PushContent.of(PreviewPolicy.FULL, "C2C", "Ann", TEXT, "kYb7qDp3", 7, 3);
        assertEquals(new PushNotice("Ann", "See you at 8", 7, 3, "C2C", "kYb7qDp3"), notice);
    }

    @Test
    void sender_showsSenderAndCountOnly() {
        PushNotice notice = PushContent.of(PreviewPolicy.SENDER, "C2C", "Ann", TEXT, "kYb7qDp3", 7, 3);
        assertEquals(new PushNotice("Ann", "3 new messages", 7, 3, "C2C", "kYb7qDp3"), notice);
    }

    @Test
    void none_showsNeitherSenderTextNorConversation() {
        PushNotice notice = PushContent.of(PreviewPolicy.NONE, "C2G", "Ann", TEXT, "g7Xk2mQa", 1, 1);
        assertEquals(new PushNotice("Chorus", "New message", 1, 1, "C2G", null), notice);
    }

    @Test
    void notice_neverShowsItsContent() {
        PushNotice notice = PushContent.of(PreviewPolicy.FULL, "S2C", "Ann", "{\"msg_type\":\"custom\",\"custom_type\":\"apply_friend\"}",
                null, 2, 1);
        assertEquals("Chorus", notice.title());
        assertEquals("New notification", notice.body());
    }

    @Test
    void preview_nonText_namesTheKind_longText_isCut() {
        assertEquals("[image]", PushContent.preview("{\"msg_type\":\"image\",\"file\":{}}"));
        String longText = "x".repeat(500);
        String cut = PushContent.preview("{\"msg_type\":\"text\",\"text\":\"" + longText + "\"}");
        assertEquals(PushContent.MAX_TEXT, cut.length());
        assertEquals("New message", PushContent.preview("not json"));
    }

    @Test
    void toString_carriesNoText() {
        PushNotice notice = PushContent.of(PreviewPolicy.FULL, "C2C", "Ann", TEXT, "kYb7qDp3", 7, 3);
        assertEquals(-1, notice.toString().indexOf("See you"));
        assertNull(PushContent.of(PreviewPolicy.NONE, "C2C", null, TEXT, "x", 0, 1).conversation());
    }
}
