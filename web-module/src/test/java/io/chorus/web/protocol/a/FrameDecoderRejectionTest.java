package io.chorus.web.protocol.a;

import static io.chorus.web.protocol.a.GoldenFiles.SENDER_DID;
import static io.chorus.web.protocol.a.GoldenFiles.SENDER_UID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.chorus.app.error.ErrorCode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a client frame can be wrong maps to one error code from the catalogue (SPEC §10). */
class FrameDecoderRejectionTest {
    private static final int LIMIT = 1024;
    private static final String PAYLOAD = "'payload':{'msg_type':'text','text':'hi'}";
    private static final String C2C_FIELDS = "'id':'m1','to':'kYb7qDp3'," + PAYLOAD + ",'created_at':1";

    private final FrameDecoder decoder = new FrameDecoder(LIMIT);

    static Stream<Arguments> malformedFrames() {
        return Stream.of(
                // MALFORMED: not a JSON object, or not one we are willing to build.
                arguments("empty frame", "", ErrorCode.MALFORMED),
                arguments("plain text", "hello", ErrorCode.MALFORMED),
                arguments("truncated JSON", "{'type':'C2C'", ErrorCode.MALFORMED),
                arguments("array", "[1,2]", ErrorCode.MALFORMED),
                arguments("number", "42", ErrorCode.MALFORMED),
                arguments("string", "'C2C'", ErrorCode.MALFORMED),
                arguments("null", "null", ErrorCode.MALFORMED),
                arguments("garbage after the object", "{'type':'C2C'," + C2C_FIELDS + "} x", ErrorCode.MALFORMED),
                arguments("two objects", "{'type':'C2C'}{'type':'C2C'}", ErrorCode.MALFORMED),
                arguments("duplicate key", "{'type':'C2C','type':'C2G'," + C2C_FIELDS + "}", ErrorCode.MALFORMED),
                arguments("nesting deeper than 32", "{'type':'C2C','id':'m1','to':'kYb7qDp3','payload':{'msg_type':'x','n':"
                        + "[".repeat(32) + "]".repeat(32) + "},'created_at':1}", ErrorCode.MALFORMED),
                // UNKNOWN_TYPE: the type is missing or not one a client may send.
                arguments("no type", "{" + C2C_FIELDS + "}", ErrorCode.UNKNOWN_TYPE),
                arguments("type not a string", "{'type':42," + C2C_FIELDS + "}", ErrorCode.UNKNOWN_TYPE),
                arguments("unknown type", "{'type':'C2X'," + C2C_FIELDS + "}", ErrorCode.UNKNOWN_TYPE),
                arguments("bot frame C2S", "{'type':'C2S'," + C2C_FIELDS + "}", ErrorCode.UNKNOWN_TYPE),
                arguments("server-only S2C", "{'type':'S2C'," + C2C_FIELDS + "}", ErrorCode.UNKNOWN_TYPE),
                arguments("server-only C2C_SERVER_ACK", "{'type':'C2C_SERVER_ACK','id':'m1'}", ErrorCode.UNKNOWN_TYPE),
                // INVALID_FIELD: a known frame with a missing or wrong field.
                arguments("id missing", "{'type':'C2C','to':'kYb7qDp3'," + PAYLOAD + ",'created_at':1}", ErrorCode.INVALID_FIELD),
                arguments("id a number", "{'type':'C2C','id':7,'to':'kYb7qDp3'," + PAYLOAD + ",'created_at':1}", ErrorCode.INVALID_FIELD),
                arguments("id null", "{'type':'C2C','id':null,'to':'kYb7qDp3'," + PAYLOAD + ",'created_at':1}", ErrorCode.INVALID_FIELD),
                arguments("id of 65 chars", "{'type':'C2C','id':'" + "x".repeat(65) + "','to':'kYb7qDp3'," + PAYLOAD
                        + ",'created_at':1}", ErrorCode.INVALID_FIELD),
                arguments("id with a comma", "{'type':'C2C','id':'a,b','to':'kYb7qDp3'," + PAYLOAD + ",'created_at':1}",
                        ErrorCode.INVALID_FIELD),
                arguments("to missing", "{'type':'C2C','id':'m1'," + PAYLOAD + ",'created_at':1}", ErrorCode.INVALID_FIELD),
                arguments("to empty", "{'type':'C2C','id':'m1','to':''," + PAYLOAD + ",'created_at':1}", ErrorCode.INVALID_FIELD),
                arguments("to an object", "{'type':'C2G','id':'m1','to':{}," + PAYLOAD + ",'created_at':1}", ErrorCode.INVALID_FIELD),
                arguments("payload missing", "{'type':'C2C','id':'m1','to':'kYb7qDp3','created_at':1}", ErrorCode.INVALID_FIELD),
                arguments("payload a string", "{'type':'C2C','id':'m1','to':'kYb7qDp3','payload':'hi','created_at':1}",
                        ErrorCode.INVALID_FIELD),
                arguments("payload an array", "{'type':'C2C','id':'m1','to':'kYb7qDp3','payload':[],'created_at':1}",
                        ErrorCode.INVALID_FIELD),
                arguments("payload without msg_type", "{'type':'C2C','id':'m1','to':'kYb7qDp3','payload':{'text':'hi'},"
                        + "'created_at':1}", ErrorCode.INVALID_FIELD),
                arguments("msg_type a number", "{'type':'C2C','id':'m1','to':'kYb7qDp3','payload':{'msg_type':1},"
                        + "'created_at':1}", ErrorCode.INVALID_FIELD),
                arguments("msg_type empty", "{'type':'C2C','id':'m1','to':'kYb7qDp3','payload':{'msg_type':''},"
                        + "'created_at':1}", ErrorCode.INVALID_FIELD),
                arguments("created_at missing", "{'type':'C2C','id':'m1','to':'kYb7qDp3'," + PAYLOAD + "}", ErrorCode.INVALID_FIELD),
                arguments("created_at a string", "{'type':'C2C','id':'m1','to':'kYb7qDp3'," + PAYLOAD
                        + ",'created_at':'2025-11-23T09:00:00Z'}", ErrorCode.INVALID_FIELD),
                arguments("created_at negative", "{'type':'C2C','id':'m1','to':'kYb7qDp3'," + PAYLOAD + ",'created_at':-1}",
                        ErrorCode.INVALID_FIELD),
                arguments("created_at fractional", "{'type':'C2C','id':'m1','to':'kYb7qDp3'," + PAYLOAD + ",'created_at':1.5}",
                        ErrorCode.INVALID_FIELD),
                arguments("created_at beyond a long", "{'type':'C2C','id':'m1','to':'kYb7qDp3'," + PAYLOAD
                        + ",'created_at':9223372036854775808}", ErrorCode.INVALID_FIELD),
                arguments("from not a string", "{'type':'C2C','from':1," + C2C_FIELDS + "}", ErrorCode.INVALID_FIELD),
                arguments("revoke without to", "{'type':'C2C_REVOKE','id':'m1'}", ErrorCode.INVALID_FIELD),
                arguments("read without seq", "{'type':'C2C_READ','to':'kYb7qDp3'}", ErrorCode.INVALID_FIELD),
                arguments("read with a negative seq", "{'type':'C2C_READ','to':'kYb7qDp3','seq':-1}", ErrorCode.INVALID_FIELD),
                arguments("read with a fractional seq", "{'type':'C2G_READ','to':'g7Xk2mQa','seq':1.5}", ErrorCode.INVALID_FIELD),
                arguments("read with a string seq", "{'type':'C2C_READ','to':'kYb7qDp3','seq':'3'}", ErrorCode.INVALID_FIELD),
                arguments("read without to", "{'type':'C2C_READ','seq':3}", ErrorCode.INVALID_FIELD),
                arguments("typing without to", "{'type':'C2C_TYPING'}", ErrorCode.INVALID_FIELD),
                arguments("typing to a bad id", "{'type':'C2G_TYPING','to':'a b'}", ErrorCode.INVALID_FIELD),
                arguments("server-only C2C_DELIVERED", "{'type':'C2C_DELIVERED','to':'kYb7qDp3','seq':1}", ErrorCode.UNKNOWN_TYPE),
                // FORGED_SENDER: a client may only send as itself.
                arguments("from another user", "{'type':'C2C','from':'someoneElse'," + C2C_FIELDS + "}", ErrorCode.FORGED_SENDER),
                arguments("revoke from another user", "{'type':'C2G_REVOKE','id':'m1','to':'g7Xk2mQa','from':'someoneElse'}",
                        ErrorCode.FORGED_SENDER),
                arguments("read from another user", "{'type':'C2C_READ','to':'kYb7qDp3','seq':1,'from':'someoneElse'}",
                        ErrorCode.FORGED_SENDER),
                // PAYLOAD_TOO_LARGE: the frame is over the limit.
                arguments("frame over the limit", "{'type':'C2C','id':'m1','to':'kYb7qDp3','payload':{'msg_type':'text','text':'"
                        + "x".repeat(LIMIT) + "'},'created_at':1}", ErrorCode.PAYLOAD_TOO_LARGE),
                arguments("non-JSON over the limit", "y".repeat(LIMIT + 1), ErrorCode.PAYLOAD_TOO_LARGE),
                // BAD_ACK: CLIENT_ACK is parsed strictly.
                arguments("ack alone", "CLIENT_ACK", ErrorCode.BAD_ACK),
                arguments("ack with three parts", "CLIENT_ACK,C2C,m1", ErrorCode.BAD_ACK),
                arguments("ack with five parts", "CLIENT_ACK,C2C,m1," + SENDER_DID + ",", ErrorCode.BAD_ACK),
                arguments("ack of unknown type", "CLIENT_ACK,C2X,m1," + SENDER_DID, ErrorCode.BAD_ACK),
                arguments("ack with empty msgId", "CLIENT_ACK,C2C,," + SENDER_DID, ErrorCode.BAD_ACK),
                arguments("ack for another device", "CLIENT_ACK,C2C,m1,android-1", ErrorCode.BAD_ACK),
                arguments("ack with trailing newline", "CLIENT_ACK,C2C,m1," + SENDER_DID + "\n", ErrorCode.BAD_ACK),
                arguments("ack with spaces", "CLIENT_ACK, C2C, m1, " + SENDER_DID, ErrorCode.BAD_ACK));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("malformedFrames")
    void decode_whenFrameIsBad_isRejectedWithItsCode(String situation, String frame, ErrorCode expected) {
        assertEquals(expected, reject(frame.replace('\'', '"')).code());
    }

    @Test
    void decode_whenPayloadMissingMsgType_isInvalidField() {
        FrameRejectedException rejected = reject("{\"type\":\"C2C\",\"id\":\"m1\",\"to\":\"kYb7qDp3\","
                + "\"payload\":{\"text\":\"hi\"},\"created_at\":1}");

        assertEquals(ErrorCode.INVALID_FIELD, rejected.code());
        assertEquals("payload.msg_type must be a non-empty string", rejected.getMessage());
    }

    @Test
    void decode_whenFieldInvalid_refersToFrameId() {
        assertEquals("m1", reject("{\"type\":\"C2C\",\"id\":\"m1\",\"to\":\"kYb7qDp3\",\"created_at\":1}").ref());
    }

    @Test
    void decode_whenTypeUnknown_stillRefersToFrameId() {
        assertEquals("m1", reject("{\"type\":\"nope\",\"id\":\"m1\"}").ref());
    }

    @Test
    void decode_whenIdInvalid_hasNoRef() {
        assertNull(reject("{\"type\":\"C2C\",\"id\":\"a,b\",\"to\":\"kYb7qDp3\"}").ref());
    }

    @Test
    void decode_whenNotJson_hasNoRef() {
        assertNull(reject("hello").ref());
    }

    @Test
    void decode_whenAckForAnotherDevice_refersToMessageId() {
        FrameRejectedException rejected = reject("CLIENT_ACK,S2C,m9,android-1");

        assertEquals(ErrorCode.BAD_ACK, rejected.code());
        assertEquals("m9", rejected.ref());
    }

    @Test
    void decode_whenReserializedPayloadExceedsLimit_isPayloadTooLarge() {
        // 1e5 is re-serialized as 1E+5: the frame fits, the payload as stored would not.
        String numbers = String.join(",", java.util.Collections.nCopies(220, "1e5"));
        String frame = "{\"type\":\"C2C\",\"id\":\"m1\",\"to\":\"kYb7qDp3\",\"payload\":{\"msg_type\":\"x\",\"n\":["
                + numbers + "]},\"created_at\":1}";

        FrameRejectedException rejected = reject(frame);

        assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, rejected.code());
        assertEquals("m1", rejected.ref());
    }

    @Test
    void decode_whenNestedExactly32Deep_isAccepted() {
        String frame = "{\"type\":\"C2C\",\"id\":\"m1\",\"to\":\"kYb7qDp3\",\"payload\":{\"msg_type\":\"x\",\"n\":"
                + "[".repeat(30) + "]".repeat(30) + "},\"created_at\":1}";

        assertEquals(ChatFrame.class, decoder.decode(frame, SENDER_UID, SENDER_DID).getClass());
    }

    @Test
    void decode_whenFromIsTheSender_isAccepted() {
        String frame = "{\"type\":\"C2C\",\"from\":\"" + SENDER_UID + "\"," + C2C_FIELDS.replace('\'', '"') + "}";

        assertEquals(ChatFrame.class, decoder.decode(frame, SENDER_UID, SENDER_DID).getClass());
    }

    private FrameRejectedException reject(String frame) {
        return assertThrows(FrameRejectedException.class, () -> decoder.decode(frame, SENDER_UID, SENDER_DID));
    }
}
