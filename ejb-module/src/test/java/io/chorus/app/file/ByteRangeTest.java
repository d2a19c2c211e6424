package io.chorus.app.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangeTest {
    @Test
    void parse_closedOpenAndSuffixRanges() {
        assertEquals(Optional.of(new ByteRange(0, 99)), ByteRange.parse("bytes=0-99", 1000));
        assertEquals(Optional.of(new ByteRange(900, 999)), ByteRange.parse("bytes=900-", 1000));
        assertEquals(Optional.of(new ByteRange(950, 999)), ByteRange.parse("bytes=-50", 1000));
        assertEquals(Optional.of(new ByteRange(0, 999)), ByteRange.parse("bytes=-5000", 1000));
        assertEquals(Optional.of(new ByteRange(10, 999)), ByteRange.parse("bytes=10-123456", 1000));
        assertEquals("bytes 0-99/1000", new ByteRange(0, 99).contentRange(1000));
        assertEquals(100, new ByteRange(0, 99).length());
    }

    @Test
    void parse_whenAbsentMalformedOrSeveral_servesWholeFile() {
        assertEquals(Optional.empty(), ByteRange.parse(null, 1000));
        assertEquals(Optional.empty(), ByteRange.parse("items=0-1", 1000));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=0-1,5-6", 1000));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=x-y", 1000));
        assertEquals(Optional.empty(), ByteRange.parse("bytes=50-10", 1000));
    }

    @Test
    void parse_whenStartPastEnd_isNotSatisfiable() {
        ChorusException e = assertThrows(ChorusException.class, () -> ByteRange.parse("bytes=1000-", 1000));
        assertEquals(ErrorCode.RANGE_NOT_SATISFIABLE, e.code());
    }
}
