package io.chorus.app.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class XidsTest {

    @Test
    void next_isTwentyBase32HexCharacters() {
        for (int i = 0; i < 1000; i++) {
            String id = Xids.next();
            assertTrue(id.matches("[0-9a-v]{20}"), id);
        }
    }

    @Test
    void next_neverRepeats() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            assertTrue(seen.add(Xids.next()));
        }
    }

    @Test
    void encode_sortsByTimeFirst_thenByCounter() {
        assertTrue(Xids.encode(1_763_890_000L, 0xFFFFFF).compareTo(Xids.encode(1_763_890_001L, 0)) < 0);
        assertTrue(Xids.encode(1_763_890_000L, 1).compareTo(Xids.encode(1_763_890_000L, 2)) < 0);
    }

    @Test
    void encode_isBase32HexOfTheBytes_mostSignificantBitFirst() {
        // Second 1: only bit 31 of the 96 is set; characters hold bits 5i..5i+4, so it is the second
        // bit of character 6: 01xxx, the rest being the random machine part.
        String id = Xids.encode(1, 0);
        assertEquals("000000", id.substring(0, 6));
        assertEquals(1, Character.digit(id.charAt(6), 32) >> 3);
        // The counter's lowest bit is bit 95, the first bit of the 20th character (which has 4 bits of padding).
        assertEquals('g', Xids.encode(0, 1).charAt(19));
        assertEquals('0', Xids.encode(0, 2).charAt(19));
    }
}
