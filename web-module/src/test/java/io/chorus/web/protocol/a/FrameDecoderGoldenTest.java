package io.chorus.web.protocol.a;

import static io.chorus.web.protocol.a.GoldenFiles.SENDER_DID;
import static io.chorus.web.protocol.a.GoldenFiles.SENDER_UID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chorus.app.error.ErrorCode;
import jakarta.json.Json;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Each inbound golden file decodes to the frame it documents. */
class FrameDecoderGoldenTest {
    private final FrameDecoder decoder = new FrameDecoder(65_536);

    @Test
    void decode_c2cGolden_isChatFrameWithPayloadAsSent() {
        ChatFrame frame = assertInstanceOf(ChatFrame.class, decode("in_c2c.json"));

        assertEquals(ChatType.C2C, frame.type());
        assertEquals("cdsgrbgppoodp0gvpb60", frame.id());
        assertEquals("kYb7qDp3", frame.to());
        assertEquals(json("{\"msg_type\":\"text\",\"text\":\"Hello, Bo!\"}"), frame.payload());
        assertEquals(1763890000000L, frame.createdAt());
    }

    @Test
    void decode_c2gGolden_keepsNestedPayloadInOrder() {
        ChatFrame frame = assertInstanceOf(ChatFrame.class, decode("in_c2g.json"));

        assertEquals(ChatType.C2G, frame.type());
        assertEquals("g7Xk2mQa", frame.to());
        assertEquals("{\"msg_type\":\"image\",\"uri\":\"https://files.example.com/a/1.png\",\"width\":640,"
                + "\"height\":480,\"thumb\":{\"w\":64,\"h\":48}}", frame.payload().toString());
    }

    @Test
    void decode_chatGolden_carriesThePayloadTextToStore_asTheParsedPayloadSerializes() {
        ChatFrame frame = assertInstanceOf(ChatFrame.class, decode("in_c2g.json"));

        assertEquals(frame.payload().toString(), frame.payloadJson());
    }

    @Test
    void decode_revokeGolden_isRevokeFrame() {
        RevokeFrame frame = assertInstanceOf(RevokeFrame.class, decode("in_c2c_revoke.json"));

        assertEquals(new RevokeFrame(ChatType.C2C, "cdsgrbgppoodp0gvpb60", "kYb7qDp3"), frame);
    }

    @Test
    void decode_editGolden_isEditFrame() {
        EditFrame frame = assertInstanceOf(EditFrame.class, decode("in_c2c_edit.json"));

        assertEquals(new EditFrame(ChatType.C2C, "cdsgrbgppoodp0gvpb60", "kYb7qDp3", "Hello, Bob!"), frame);
    }

    @Test
    void decode_edit_withoutText_orEmptyText_isInvalidField() {
        for (String text : new String[] {"", ",\"text\":\"\"", ",\"text\":7", ",\"text\":null"}) {
            FrameRejectedException refused = assertThrows(FrameRejectedException.class, () -> decoder.decode(
                    "{\"type\":\"c2g_edit\",\"id\":\"x1\",\"to\":\"g7Xk2mQa\"" + text + "}", SENDER_UID, SENDER_DID));
            assertEquals(ErrorCode.INVALID_FIELD, refused.code(), text);
            assertEquals("x1", refused.ref());
        }
    }

    @Test
    void decode_replyGolden_keepsReplyAndMentionsInThePayload() {
        ChatFrame frame = assertInstanceOf(ChatFrame.class, decode("in_c2g_reply.json"));

        assertEquals(7, frame.payload().getJsonObject("reply_to").getInt("seq"));
        assertEquals("kYb7qDp3", frame.payload().getJsonArray("mentions").getString(0));
    }

    @Test
    void decode_readGolden_isReadFrame() {
        assertEquals(new ReadFrame(ChatType.C2C, "kYb7qDp3", 42), decode("in_c2c_read.json"));
    }

    @Test
    void decode_typingGolden_isTypingFrame() {
        assertEquals(new TypingFrame(ChatType.C2G, "g7Xk2mQa"), decode("in_c2g_typing.json"));
    }

    @Test
    void decode_clientAckGolden_isClientAck() {
        assertEquals(new ClientAck("C2C", "cdsgrbgppoodp0gvpb60", SENDER_DID), decode("in_client_ack.txt"));
    }

    private InboundFrame decode(String golden) {
        return decoder.decode(GoldenFiles.read(golden), SENDER_UID, SENDER_DID);
    }

    private static jakarta.json.JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
