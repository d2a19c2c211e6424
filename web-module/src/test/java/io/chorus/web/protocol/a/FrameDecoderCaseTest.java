package io.chorus.web.protocol.a;

import static io.chorus.web.protocol.a.GoldenFiles.SENDER_DID;
import static io.chorus.web.protocol.a.GoldenFiles.SENDER_UID;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code type} is case-insensitive on input (SPEC §4); the decoded frame is the same either way. */
class FrameDecoderCaseTest {
    private final FrameDecoder decoder = new FrameDecoder(65_536);

    @ParameterizedTest(name = "type {0} decodes as {1}")
    @CsvSource({"C2C,C2C", "c2c,C2C", "C2c,C2C", "c2g,C2G", "C2g,C2G"})
    void decode_whenChatTypeInAnyCase_isThatChat(String written, ChatType expected) {
        String frame = "{\"type\":\"" + written + "\",\"id\":\"m1\",\"to\":\"kYb7qDp3\","
                + "\"payload\":{\"msg_type\":\"text\",\"text\":\"hi\"},\"created_at\":1}";

        assertEquals(expected, ((ChatFrame) decoder.decode(frame, SENDER_UID, SENDER_DID)).type());
    }

    @ParameterizedTest(name = "type {0} decodes as a {1} revoke")
    @CsvSource({"C2C_REVOKE,C2C", "c2c_revoke,C2C", "C2g_Revoke,C2G"})
    void decode_whenRevokeTypeInAnyCase_isThatRevoke(String written, ChatType expected) {
        String frame = "{\"type\":\"" + written + "\",\"id\":\"m1\",\"to\":\"kYb7qDp3\"}";

        assertEquals(new RevokeFrame(expected, "m1", "kYb7qDp3"), decoder.decode(frame, SENDER_UID, SENDER_DID));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "CLIENT_ACK,S2C,m1,iphone-7f3a|S2C",
            "client_ack,s2c,m1,iphone-7f3a|S2C",
            "Client_Ack,c2g,m1,iphone-7f3a|C2G"})
    void decode_whenClientAckInAnyCase_isUpperCaseAck(String written, String expectedType) {
        assertEquals(new ClientAck(expectedType, "m1", SENDER_DID), decoder.decode(written, SENDER_UID, SENDER_DID));
    }
}
