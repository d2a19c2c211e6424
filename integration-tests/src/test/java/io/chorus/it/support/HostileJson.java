package io.chorus.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generated hostile JSON for the fuzz suites: each call mutates a valid template in one of many
 * ways (a field dropped, retyped, duplicated or added; text cut, flipped or followed by garbage;
 * deep nesting; huge or odd strings; extreme numbers; unicode edge cases), or leaves it valid now
 * and then so the accepted path is exercised too. Deterministic for a seed.
 */
public final class HostileJson {
    private static final String MARK = "\u00a7MARK\u00a7";
    /** JSON source text of odd string literals (escapes are sent as written, lone surrogates included). */
    private static final List<String> ODD_STRINGS = List.of("\"\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800\"",
            "\"\\ufeff\"", "\"\\u202e\u202egnp.exe\"", "\"\ud834\udd1e\"", "\"e\u0301\u0301\u0301\"", "\"\\\\\"", "\"\\\"\"",
            "\"\\x41\"", "\"\\u12\"", "\"\t\"", "\"a\nb\"", "\"%s%n%x\"", "\"'; drop table message; --\"", "\"<script>\"",
            "\"C2C\"", "\"CLIENT_ACK,C2C,x,y\"", "\"\uffff\"", "\"\\uDBFF\\uDFFF\"");
    private static final List<String> ODD_NUMBERS = List.of("0", "-0", "-1", "1.5", "1e309", "-1e309", "9223372036854775807",
            "9223372036854775808", "18446744073709551616", "1e-400", "0.0000000000000000000001", "123456789012345678901234567890",
            "2147483648", "-2147483649", "65536", "16777216", "01", "+1", ".5", "NaN", "Infinity", "0x10");

    private final Random random;

    public HostileJson(long seed) {
        this.random = new Random(seed);
    }

    public Random random() {
        return random;
    }

    /** One hostile variant of {@code template}, as text (often not JSON at all). */
    public String mutate(JsonObject template) {
        String valid = template.toString();
        return switch (random.nextInt(16)) {
            case 0 -> drop(template).toString();
            case 1, 2 -> replaceSomewhere(template, randomValue(0)).toString();
            case 3 -> withOddLiteral(template, ODD_STRINGS.get(random.nextInt(ODD_STRINGS.size())));
            case 4 -> withOddLiteral(template, ODD_NUMBERS.get(random.nextInt(ODD_NUMBERS.size())));
            case 5 -> duplicateKey(template);
            case 6 -> valid.substring(0, random.nextInt(valid.length()));
            case 7 -> flip(valid);
            case 8 -> nest(valid, 1 + random.nextInt(random.nextBoolean() ? 40 : 400));
            case 9 -> valid + List.of(" x", "{}", valid, ",", "]", "\u0000", " // c", "\n\n").get(random.nextInt(8));
            case 10 -> add(template).toString();
            case 11 -> replaceSomewhere(template, Json.createValue("x".repeat(1 << (4 + random.nextInt(13))))).toString();
            case 12 -> garbage();
            case 13 -> List.of("", " ", "null", "true", "[]", "[" + valid + "]", "\"" + valid + "\"", "{", "}", "{}", "0")
                    .get(random.nextInt(11));
            default -> valid;
        };
    }

    /** A case as a failure message shows it: long ones cut, with their length. */
    public static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + " chars)" : text;
    }

    /**
     * Random printable, control and non-ASCII characters, astral ones included. Never unpaired
     * surrogates: a text frame must be UTF-8, so clients cannot send them raw (escaped in JSON, as
     * as a backslash-u escape, they are among the odd literals; raw invalid bytes go in binary frames).
     */
    public String garbage() {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(200);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            text.append(kind < 6 ? (char) (32 + random.nextInt(95)) : kind < 8 ? (char) random.nextInt(32)
                    : kind < 9 ? (char) (0x80 + random.nextInt(0x700)) : (char) (0xE000 + random.nextInt(0x1000)));
            if (kind == 9 && random.nextBoolean()) {
                text.appendCodePoint(0x10000 + random.nextInt(0xFFFFF));
            }
        }
        return text.toString();
    }

    private JsonObject drop(JsonObject object) {
        if (object.isEmpty()) {
            return object;
        }
        String key = pick(object);
        JsonObjectBuilder copy = Json.createObjectBuilder(object);
        JsonValue value = object.get(key);
        if (value instanceof JsonObject inner && !inner.isEmpty() && random.nextBoolean()) {
            return copy.add(key, drop(inner)).build();
        }
        return copy.remove(key).build();
    }

    private JsonObject replaceSomewhere(JsonObject object, JsonValue replacement) {
        if (object.isEmpty()) {
            return Json.createObjectBuilder().add("x", replacement).build();
        }
        String key = pick(object);
        JsonValue value = object.get(key);
        if (value instanceof JsonObject inner && random.nextBoolean()) {
            return Json.createObjectBuilder(object).add(key, replaceSomewhere(inner, replacement)).build();
        }
        return Json.createObjectBuilder(object).add(key, replacement).build();
    }

    private JsonObject add(JsonObject object) {
        String[] names = {"extra", "__proto__", "constructor", "type", "id", "", "\u0000", "a".repeat(300), "payload", "from"};
        return Json.createObjectBuilder(object).add(names[random.nextInt(names.length)] + (random.nextBoolean() ? "" : "2"),
                randomValue(0)).build();
    }

    private String withOddLiteral(JsonObject template, String literal) {
        return replaceSomewhere(template, Json.createValue(MARK)).toString().replace("\"" + MARK + "\"", literal);
    }

    private String duplicateKey(JsonObject template) {
        if (template.isEmpty()) {
            return "{\"a\":1,\"a\":2}";
        }
        String key = pick(template);
        String body = template.toString();
        return "{" + Json.createValue(key) + ":" + randomValue(0) + "," + body.substring(1);
    }

    private String flip(String text) {
        char[] chars = text.toCharArray();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips && chars.length > 0; i++) {
            int at = random.nextInt(chars.length);
            chars[at] = (char) (chars[at] ^ (1 << random.nextInt(7)));
        }
        return new String(chars);
    }

    private String nest(String inner, int depth) {
        boolean arrays = random.nextBoolean();
        return (arrays ? "[" : "{\"a\":").repeat(depth) + inner + (arrays ? "]" : "}").repeat(depth);
    }

    private JsonValue randomValue(int depth) {
        int kind = random.nextInt(depth > 3 ? 6 : 9);
        return switch (kind) {
            case 0 -> JsonValue.NULL;
            case 1 -> random.nextBoolean() ? JsonValue.TRUE : JsonValue.FALSE;
            case 2 -> Json.createValue(random.nextLong());
            case 3 -> Json.createValue(random.nextInt(3) - 1);
            case 4 -> Json.createValue(random.nextDouble() * 1e6);
            case 5 -> Json.createValue(garbage());
            case 6 -> {
                JsonArrayBuilder array = Json.createArrayBuilder();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(depth + 1));
                }
                yield array.build();
            }
            default -> {
                JsonObjectBuilder object = Json.createObjectBuilder();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.add("k" + random.nextInt(5), randomValue(depth + 1));
                }
                yield object.build();
            }
        };
    }

    private String pick(Map<String, JsonValue> object) {
        List<String> keys = new ArrayList<>(object.keySet());
        return keys.get(random.nextInt(keys.size()));
    }
}
