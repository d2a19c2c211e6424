package io.chorus.app.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Map;

/**
 * JSON-P with its provider looked up once. Each {@code Json.createX} call looks the provider up
 * again through the {@link java.util.ServiceLoader} (a resource scan of the module class loader),
 * which showed in the message path's CPU profile (docs/PERFORMANCE.md). Use these instead.
 */
public final class Jsonp {
    public static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonReaderFactory READERS = PROVIDER.createReaderFactory(Map.of());

    private Jsonp() {
    }

    public static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    /** Parses text known to be a JSON object (a stored payload, valid since it was stored). */
    public static JsonObject readObject(String json) {
        try (JsonReader reader = READERS.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
