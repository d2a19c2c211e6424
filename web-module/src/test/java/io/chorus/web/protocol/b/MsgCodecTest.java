package io.chorus.web.protocol.b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.chorus.app.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MsgCodecTest {
    private static final String TEXT = "{\"msg_type\":\"text\",\"text\":\"hi\"}";

    @Test
    void response_isTheGoldenMsgResponsesData() {
        String golden = new String(GoldenVectors.read("msg_response.hex").packet().data(), StandardCharsets.UTF_8);

        assertEquals(golden, MsgCodec.response(7, 1001).toString());
    }

    @Test
    void aRefusal_isMidZeroWithTheReason_andItsContentOnlyWhenThereIsOne() {
        assertEquals("{\"oid\":7,\"mid\":0,\"reason\":\"unavailable\",\"content\":\"later\"}",
                MsgCodec.refusal(7, ErrorCode.UNAVAILABLE, "later").toString());
        assertEquals("{\"oid\":7,\"mid\":0,\"reason\":\"unavailable\"}", MsgCodec.refusal(7, ErrorCode.UNAVAILABLE, null).toString());
    }

    @Test
    void aOneToOneMessage_goesFromItsAuthorToThePeer() {
        JimMessage m = MsgCodec.message(false, 42, 43, 43, 5, 1001, TEXT, true);

        assertEquals(Contact.user(42), m.from());
        assertEquals(Contact.user(43), m.to());
        assertEquals(Contact.user(42), m.author());
        assertEquals(1001, m.id());
        assertEquals(5, m.stamp());
    }

    @Test
    void aGroupsCopy_goesFromTheGroupToTheReader_withTheAuthorInAr() {
        JimMessage m = MsgCodec.message(true, 42, 7, 44, 5, 1001, TEXT, true);

        assertEquals(Contact.group(7), m.from());
        assertEquals(Contact.user(44), m.to());
        assertEquals(Contact.user(42), m.author());
    }

    @Test
    void aMessageBody_hasNoAddress() {
        JimMessage m = MsgCodec.message(false, 42, 43, 43, 5, 1001, TEXT, false);

        assertNull(m.from());
        assertNull(m.to());
        assertEquals(Contact.user(42), m.author());
    }
}
