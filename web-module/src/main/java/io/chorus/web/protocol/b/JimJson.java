package io.chorus.web.protocol.b;

import io.chorus.app.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON of JIM packets: strict reading (whole numbers in range, the right JSON types, no repeated
 * keys, bounded nesting and list sizes; unknown fields are ignored, as JIM clients send extras) and
 * {@code omitempty} writing. Every refusal is a {@link BodyException} naming the field.
 */
public final class JimJson {
    /** Deeper JSON is refused before it is built. */
    public static final int MAX_DEPTH = 32;
    /** Items per message and contacts in {@code cc}. */
    public static final int MAX_LIST = 100;

    private static final JsonParserFactory PARSERS = Jsonp.PROVIDER.createParserFactory(Map.of());
    // A repeated key is refused rather than silently resolved, so "to" cannot be smuggled twice.
    private static final JsonReaderFactory READERS =
            Jsonp.PROVIDER.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

    private JimJson() {
    }

    /**
     * A packet's data as a JSON object. Empty data is an empty object rather than a refusal, because
     * several commands have only optional fields and JIM clients send them without data.
     */
    public static JsonObject readObject(byte[] utf8) {
        if (utf8.length == 0) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException notUtf8) {
            throw new BodyException("data", "must be UTF-8");
        }
        checkDepth(text);
        try (JsonReader reader = READERS.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new BodyException("data", "must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException notJson) {
            throw new BodyException("data", "must be valid JSON without repeated keys");
        }
    }

    private static void checkDepth(String text) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            int depth = 0;
            while (parser.hasNext()) {
                switch (parser.next()) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > MAX_DEPTH) {
                            throw new BodyException("data", "must not be nested deeper than " + MAX_DEPTH + " levels");
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    default -> {
                        // scalars and keys do not change the depth
                    }
                }
            }
        } catch (JsonException notJson) {
            throw new BodyException("data", "must be valid JSON");
        }
    }

    /** A whole number field in {@code min..max}; {@code absent} when missing or null. */
    public static long readLong(JsonObject o, String field, long min, long max, long absent) {
        return number(o, field, field, min, max, absent);
    }

    /** {@link #readLong} for a key of a nested object; {@code path} ({@code bd[2].t}) names it in refusals. */
    private static long number(JsonObject o, String key, String path, long min, long max, long absent) {
        JsonValue value = o.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return absent;
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
            throw new BodyException(path, "must be a whole number");
        }
        long result;
        try {
            result = number.longValueExact();
        } catch (ArithmeticException tooBig) {
            throw new BodyException(path, range(min, max));
        }
        if (result < min || result > max) {
            throw new BodyException(path, range(min, max));
        }
        return result;
    }

    private static String range(long min, long max) {
        return min == Long.MIN_VALUE && max == Long.MAX_VALUE ? "must be a 64-bit whole number" : "must be " + min + "-" + max;
    }

    /** A string field, or null when missing or null; at most {@code maxLength} characters. */
    public static String readString(JsonObject o, String field, int maxLength) {
        JsonValue value = o.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonString text)) {
            throw new BodyException(field, "must be a string");
        }
        if (text.getString().length() > maxLength) {
            throw new BodyException(field, "must have at most " + maxLength + " characters");
        }
        return text.getString();
    }

    /** An array of positive ids (users, groups), at most {@code max}; empty when missing or null. */
    public static List<Long> readIds(JsonObject o, String field, int max) {
        JsonValue value = o.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new BodyException(field, "must be an array of ids");
        }
        JsonArray array = value.asJsonArray();
        if (array.size() > max) {
            throw new BodyException(field, "must have at most " + max + " entries");
        }
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonObject holder = Jsonp.object().add("id", array.get(i)).build();
            ids.add(number(holder, "id", field + "[" + i + "]", 1, Long.MAX_VALUE, 0));
        }
        return ids;
    }

    /** The objects of an array field, at most {@code max}; empty when missing or null. */
    public static List<JsonObject> readObjects(JsonObject o, String field, int max) {
        JsonValue value = o.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return List.of();
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new BodyException(field, "must be an array");
        }
        JsonArray array = value.asJsonArray();
        if (array.size() > max) {
            throw new BodyException(field, "must have at most " + max + " entries");
        }
        List<JsonObject> objects = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).getValueType() != JsonValue.ValueType.OBJECT) {
                throw new BodyException(field + "[" + i + "]", "must be an object");
            }
            objects.add(array.get(i).asJsonObject());
        }
        return objects;
    }

    public static int readInt(JsonObject o, String field, int min, int max, int absent) {
        return (int) readLong(o, field, min, max, absent);
    }

    /** A contact {@code {id, t}}, or null when the field is missing or null. */
    public static Contact readContact(JsonValue value, String field) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new BodyException(field, "must be an object {id, t}");
        }
        JsonObject contact = value.asJsonObject();
        return new Contact(number(contact, "id", field + ".id", 0, Long.MAX_VALUE, 0),
                (int) number(contact, "t", field + ".t", 0, 2, 0));
    }

    public static JimMessage readMessage(JsonObject o) {
        List<Contact> cc = new ArrayList<>();
        JsonArray ccArray = array(o, "cc");
        for (int i = 0; i < ccArray.size(); i++) {
            Contact contact = readContact(ccArray.get(i), "cc[" + i + "]");
            if (contact == null) {
                throw new BodyException("cc[" + i + "]", "must be an object {id, t}");
            }
            cc.add(contact);
        }
        List<Item> items = new ArrayList<>();
        JsonArray bd = array(o, "bd");
        for (int i = 0; i < bd.size(); i++) {
            items.add(readItem(bd.get(i), "bd[" + i + "]"));
        }
        return new JimMessage(readContact(o.get("fr"), "fr"), readContact(o.get("to"), "to"), cc,
                readContact(o.get("ar"), "ar"), readInt(o, "at", 0, 255, 0), readLong(o, "st", 0, Long.MAX_VALUE, 0),
                readLong(o, "id", Long.MIN_VALUE, Long.MAX_VALUE, 0), items);
    }

    private static JsonArray array(JsonObject o, String field) {
        JsonValue value = o.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new BodyException(field, "must be an array");
        }
        if (value.asJsonArray().size() > MAX_LIST) {
            throw new BodyException(field, "must have at most " + MAX_LIST + " entries");
        }
        return value.asJsonArray();
    }

    static Item readItem(JsonValue value, String field) {
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new BodyException(field, "must be an object {c, t, d, vd}");
        }
        JsonObject item = value.asJsonObject();
        JsonValue data = item.get("d");
        String d = null;
        if (data != null && data.getValueType() != JsonValue.ValueType.NULL) {
            if (!(data instanceof JsonString text)) {
                throw new BodyException(field + ".d", "must be a string");
            }
            d = text.getString();
        }
        long vd = number(item, "vd", field + ".vd", 0, Integer.MAX_VALUE, -1);
        JsonValue f = item.get("f");
        JsonObject file = null;
        if (f != null && f.getValueType() != JsonValue.ValueType.NULL) {
            if (f.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new BodyException(field + ".f", "must be an object");
            }
            file = f.asJsonObject();
        }
        return new Item((int) number(item, "t", field + ".t", 0, 255, 0), d,
                (int) number(item, "c", field + ".c", 0, Short.MAX_VALUE, 0), vd < 0 ? null : (int) vd, file);
    }

    public static JsonObject writeMessage(JimMessage m) {
        JsonObjectBuilder o = Jsonp.object();
        if (m.from() != null) {
            o.add("fr", writeContact(m.from()));
        }
        if (m.to() != null) {
            o.add("to", writeContact(m.to()));
        }
        if (!m.cc().isEmpty()) {
            JsonArrayBuilder cc = Jsonp.array();
            m.cc().forEach(c -> cc.add(writeContact(c)));
            o.add("cc", cc);
        }
        if (m.author() != null) {
            o.add("ar", writeContact(m.author()));
        }
        if (m.authorTerminal() != 0) {
            o.add("at", m.authorTerminal());
        }
        if (m.stamp() != 0) {
            o.add("st", m.stamp());
        }
        if (m.id() != 0) {
            o.add("id", m.id());
        }
        if (!m.items().isEmpty()) {
            JsonArrayBuilder bd = Jsonp.array();
            m.items().forEach(item -> bd.add(writeItem(item)));
            o.add("bd", bd);
        }
        return o.build();
    }

    public static JsonObject writeContact(Contact contact) {
        JsonObjectBuilder o = Jsonp.object();
        if (contact.id() != 0) {
            o.add("id", contact.id());
        }
        if (contact.type() != 0) {
            o.add("t", contact.type());
        }
        return o.build();
    }

    static JsonObject writeItem(Item item) {
        JsonObjectBuilder o = Jsonp.object();
        if (item.count() > 1) {
            o.add("c", item.count());
        }
        if (item.type() != 0) {
            o.add("t", item.type());
        }
        if (item.data() != null && !item.data().isEmpty()) {
            o.add("d", item.data());
        }
        // Present whenever set, even 0: a voice item without vd is not a voice of 0 s (see ContentMapping).
        if (item.voiceSeconds() != null) {
            o.add("vd", item.voiceSeconds());
        }
        if (item.file() != null) {
            o.add("f", item.file());
        }
        return o.build();
    }
}
