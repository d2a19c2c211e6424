package io.chorus.web.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import org.junit.jupiter.api.Test;

class StrictJsonbTest {
    private final Jsonb jsonb = new StrictJsonb().getContext(Flags.class);

    public record Flags(String name, Boolean on) {
    }

    @Test
    void booleans_areTrueFalseOrNull() {
        assertEquals(Boolean.TRUE, jsonb.fromJson("{\"name\":\"a\",\"on\":true}", Flags.class).on());
        assertEquals(Boolean.FALSE, jsonb.fromJson("{\"on\":false,\"name\":\"a\"}", Flags.class).on());
        assertNull(jsonb.fromJson("{\"name\":\"a\",\"on\":null}", Flags.class).on());
        assertNull(jsonb.fromJson("{\"name\":\"a\"}", Flags.class).on());
    }

    @Test
    void anythingElse_isRefused() {
        for (String value : new String[] {"\"yes\"", "\"true\"", "1", "0", "{}", "[]"}) {
            assertThrows(JsonbException.class, () -> jsonb.fromJson("{\"name\":\"a\",\"on\":" + value + "}", Flags.class), value);
        }
    }
}
