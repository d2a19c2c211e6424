package io.chorus.app.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadReferencesTest {
    @Test
    void aPayloadWithoutEither_hasNone() {
        PayloadReferences none = PayloadReferences.of("{\"msg_type\":\"text\",\"text\":\"reply_to mentions\"}");
        assertEquals(Optional.empty(), none.replySeq());
        assertFalse(none.mentionsAnyone());
    }

    @Test
    void replyAndMentions_areRead_duplicatesOnce() {
        PayloadReferences refs = PayloadReferences.of("{\"msg_type\":\"text\",\"text\":\"x\",\"reply_to\":{\"seq\":7,\"text\":\"q\"},"
                + "\"mentions\":[\"a1\",\"b2\",\"a1\",\"@all\"]}");
        assertEquals(Optional.of(7L), refs.replySeq());
        assertEquals(List.of("a1", "b2"), refs.mentionedUids());
        assertTrue(refs.mentionsAll());
    }

    @Test
    void nullFields_countAsAbsent() {
        PayloadReferences refs = PayloadReferences.of("{\"msg_type\":\"text\",\"reply_to\":null,\"mentions\":null}");
        assertEquals(Optional.empty(), refs.replySeq());
        assertFalse(refs.mentionsAnyone());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"reply_to\":7", "\"reply_to\":{}", "\"reply_to\":{\"seq\":0}", "\"reply_to\":{\"seq\":1.5}", "\"reply_to\":{\"seq\":\"3\"}",
        "\"mentions\":\"a1\"", "\"mentions\":[]", "\"mentions\":[7]", "\"mentions\":[\"\"]", "\"mentions\":[null]"})
    void badShapes_areInvalidField(String field) {
        ChorusException refused = assertThrows(ChorusException.class,
                () -> PayloadReferences.of("{\"msg_type\":\"text\"," + field + "}"));
        assertEquals(ErrorCode.INVALID_FIELD, refused.code());
    }

    @Test
    void moreThanTheMostMentions_isInvalidField() {
        StringBuilder many = new StringBuilder("{\"msg_type\":\"text\",\"mentions\":[");
        for (int i = 0; i <= PayloadReferences.MAX_MENTIONS; i++) {
            many.append(i == 0 ? "" : ",").append("\"u").append(i).append('"');
        }
        assertEquals(ErrorCode.INVALID_FIELD, assertThrows(ChorusException.class,
                () -> PayloadReferences.of(many.append("]}").toString())).code());
    }
}
