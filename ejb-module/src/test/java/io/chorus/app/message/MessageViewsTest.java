package io.chorus.app.message;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.app.account.Caller;
import io.chorus.app.message.MessageViews.ChatSend;
import io.chorus.app.message.MessageViews.DirectSend;
import org.junit.jupiter.api.Test;

/** Records that carry a message body print everything but the body. */
class MessageViewsTest {
    private static final String MARKER = "secret-body-7f3a";

    @Test
    void chatSend_toString_leavesTheBodyOut_evenInsideADirectSend() {
        ChatSend send = new ChatSend("m1", "u2", "{\"text\":\"" + MARKER + "\"}", 5);
        String printed = new DirectSend(new Caller(1, "u1", 11, "phone", false), send).toString();

        assertFalse(printed.contains(MARKER), printed);
        assertTrue(printed.contains("wireId=m1"), printed);
    }
}
