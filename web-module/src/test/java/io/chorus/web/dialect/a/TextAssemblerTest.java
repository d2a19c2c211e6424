package io.chorus.web.dialect.a;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TextAssemblerTest {
    @Test
    void add_joinsPartsUntilLast() {
        TextAssembler assembler = new TextAssembler(10);
        assertNull(assembler.add("abc", false));
        assertEquals("abcdef", assembler.add("def", true));
        assertEquals("x", assembler.add("x", true), "starts afresh after a whole message");
    }

    @Test
    void add_atExactlyTheLimit_isAccepted() {
        assertEquals("0123456789", new TextAssembler(10).add("0123456789", true));
    }

    @Test
    void add_overTheLimit_countsUtf8Bytes() {
        TextAssembler assembler = new TextAssembler(10);
        assertThrows(TextAssembler.TooBig.class, () -> assembler.add("ééééé€", true)); // 13 bytes, 6 chars
    }

    @Test
    void add_overTheLimitMidMessage_failsAtOnceAndRecoversForTheNextMessage() {
        TextAssembler assembler = new TextAssembler(4);
        assertNull(assembler.add("abc", false));
        assertThrows(TextAssembler.TooBig.class, () -> assembler.add("def", false));
        assertThrows(TextAssembler.TooBig.class, () -> assembler.add("g", true));
        assertEquals("ok", assembler.add("ok", true));
    }
}
