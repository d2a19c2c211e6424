package io.chorus.web.protocol.b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The readers the roster and group commands add to {@link JimJson}: strings, id lists, object lists. */
class JimJsonListsTest {

    @Test
    void readString_takesAbsentOrNullAsNull_andRefusesOtherTypesAndOverlongText() {
        assertNull(JimJson.readString(read("{}"), "r", 5));
        assertNull(JimJson.readString(read("{\"r\":null}"), "r", 5));
        assertEquals("", JimJson.readString(read("{\"r\":\"\"}"), "r", 5));
        assertEquals("abcde", JimJson.readString(read("{\"r\":\"abcde\"}"), "r", 5));
        assertEquals("r must be a string", assertThrows(BodyException.class, () -> JimJson.readString(read("{\"r\":5}"), "r", 5)).getMessage());
        assertEquals("r must have at most 5 characters",
                assertThrows(BodyException.class, () -> JimJson.readString(read("{\"r\":\"abcdef\"}"), "r", 5)).getMessage());
    }

    @Test
    void readIds_takesPositiveWholeNumbers_upToTheLimit() {
        assertEquals(List.of(), JimJson.readIds(read("{}"), "ruids", 3));
        assertEquals(List.of(3L, 1L, 3L), JimJson.readIds(read("{\"ruids\":[3,1,3]}"), "ruids", 3));
        assertEquals("ruids must be an array of ids",
                assertThrows(BodyException.class, () -> JimJson.readIds(read("{\"ruids\":\"all\"}"), "ruids", 3)).getMessage());
        assertEquals("ruids must have at most 3 entries",
                assertThrows(BodyException.class, () -> JimJson.readIds(read("{\"ruids\":[1,2,3,4]}"), "ruids", 3)).getMessage());
        assertEquals("ruids[1] must be 1-9223372036854775807",
                assertThrows(BodyException.class, () -> JimJson.readIds(read("{\"ruids\":[1,0]}"), "ruids", 3)).getMessage());
        assertEquals("ruids[0] must be a whole number",
                assertThrows(BodyException.class, () -> JimJson.readIds(read("{\"ruids\":[1.5]}"), "ruids", 3)).getMessage());
    }

    @Test
    void readObjects_takesObjectsOnly_upToTheLimit() {
        assertEquals(2, JimJson.readObjects(read("{\"ms\":[{\"uid\":1},{}]}"), "ms", 2).size());
        assertEquals("ms[1] must be an object",
                assertThrows(BodyException.class, () -> JimJson.readObjects(read("{\"ms\":[{},7]}"), "ms", 2)).getMessage());
        assertEquals("ms must have at most 2 entries",
                assertThrows(BodyException.class, () -> JimJson.readObjects(read("{\"ms\":[{},{},{}]}"), "ms", 2)).getMessage());
    }

    private static jakarta.json.JsonObject read(String json) {
        return JimJson.readObject(json.getBytes(StandardCharsets.UTF_8));
    }
}
