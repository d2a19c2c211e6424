package io.chorus.web.protocol.b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@link JimJson} refuses, field by field, and what it writes. Every refusal names the field and
 * the rule and never the value: the values below are marked so a leak shows.
 */
class JimJsonStrictTest {

    /** data, the field the refusal names, its whole message, and the value it must not quote. */
    static Stream<Arguments> refusals() {
        return Stream.of(
                // the packet data itself
                Arguments.of("[\"hunter2\"]", "data", "data must be a JSON object", "hunter2"),
                Arguments.of("\"hunter2\"", "data", "data must be a JSON object", "hunter2"),
                Arguments.of("{\"p\":\"hunter2\"", "data", "data must be valid JSON", "hunter2"),
                Arguments.of("{\"p\":\"hunter2\"} {}", "data", "data must be valid JSON", "hunter2"),
                Arguments.of("{\"p\":\"hunter2\",\"p\":\"x\"}", "data", "data must be valid JSON without repeated keys",
                        "hunter2"),
                // contacts
                Arguments.of("{\"to\":\"hunter2\"}", "to", "to must be an object {id, t}", "hunter2"),
                Arguments.of("{\"fr\":[4242]}", "fr", "fr must be an object {id, t}", "4242"),
                Arguments.of("{\"to\":{\"id\":4242.5,\"t\":1}}", "to.id", "to.id must be a whole number", "4242"),
                Arguments.of("{\"to\":{\"id\":\"4242\",\"t\":1}}", "to.id", "to.id must be a whole number", "4242"),
                Arguments.of("{\"to\":{\"id\":-4242,\"t\":1}}", "to.id", "to.id must be 0-9223372036854775807", "4242"),
                Arguments.of("{\"ar\":{\"id\":92233720368547758070,\"t\":1}}", "ar.id",
                        "ar.id must be 0-9223372036854775807", "92233720368547758070"),
                Arguments.of("{\"to\":{\"id\":1,\"t\":7}}", "to.t", "to.t must be 0-2", "7"),
                Arguments.of("{\"to\":{\"id\":1,\"t\":-7}}", "to.t", "to.t must be 0-2", "7"),
                Arguments.of("{\"cc\":{\"id\":4242}}", "cc", "cc must be an array", "4242"),
                Arguments.of("{\"cc\":[{\"id\":1,\"t\":1},null]}", "cc[1]", "cc[1] must be an object {id, t}", "null"),
                Arguments.of("{\"cc\":[{\"id\":1,\"t\":1},{\"id\":1,\"t\":\"hunter2\"}]}", "cc[1].t",
                        "cc[1].t must be a whole number", "hunter2"),
                // message numbers
                Arguments.of("{\"at\":999}", "at", "at must be 0-255", "999"),
                Arguments.of("{\"at\":1.5}", "at", "at must be a whole number", "1.5"),
                Arguments.of("{\"st\":\"hunter2\"}", "st", "st must be a whole number", "hunter2"),
                Arguments.of("{\"st\":-4242}", "st", "st must be 0-9223372036854775807", "4242"),
                Arguments.of("{\"id\":92233720368547758070}", "id", "id must be a 64-bit whole number",
                        "92233720368547758070"),
                Arguments.of("{\"id\":true}", "id", "id must be a whole number", "true"),
                // items
                Arguments.of("{\"bd\":\"hunter2\"}", "bd", "bd must be an array", "hunter2"),
                Arguments.of("{\"bd\":[{\"t\":1},\"hunter2\"]}", "bd[1]", "bd[1] must be an object {c, t, d, vd}",
                        "hunter2"),
                Arguments.of("{\"bd\":[{\"t\":1},{\"t\":1},{\"t\":999}]}", "bd[2].t", "bd[2].t must be 0-255", "999"),
                Arguments.of("{\"bd\":[{\"t\":-4}]}", "bd[0].t", "bd[0].t must be 0-255", "-4"),
                Arguments.of("{\"bd\":[{\"t\":1.25}]}", "bd[0].t", "bd[0].t must be a whole number", "1.25"),
                Arguments.of("{\"bd\":[{\"t\":1,\"c\":40000}]}", "bd[0].c", "bd[0].c must be 0-32767", "40000"),
                Arguments.of("{\"bd\":[{\"t\":1,\"c\":-4242}]}", "bd[0].c", "bd[0].c must be 0-32767", "4242"),
                Arguments.of("{\"bd\":[{\"t\":4,\"d\":\"v.amr\",\"vd\":-987}]}", "bd[0].vd",
                        "bd[0].vd must be 0-2147483647", "987"),
                Arguments.of("{\"bd\":[{\"t\":4,\"vd\":9999999999}]}", "bd[0].vd", "bd[0].vd must be 0-2147483647",
                        "9999999999"),
                Arguments.of("{\"bd\":[{\"t\":4,\"vd\":\"4242\"}]}", "bd[0].vd", "bd[0].vd must be a whole number", "4242"),
                Arguments.of("{\"bd\":[{\"t\":1,\"d\":31337}]}", "bd[0].d", "bd[0].d must be a string", "31337"),
                Arguments.of("{\"bd\":[{\"t\":1,\"d\":{\"p\":\"hunter2\"}}]}", "bd[0].d", "bd[0].d must be a string",
                        "hunter2"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("refusals")
    void badData_isRefusedNamingTheFieldAndTheRuleButNotTheValue(String data, String field, String message, String value) {
        BodyException refused = assertThrows(BodyException.class, () -> JimJson.readMessage(read(data)));
        assertEquals(field, refused.field());
        assertEquals(message, refused.getMessage());
        assertFalse(refused.getMessage().contains(value), refused.getMessage());
    }

    @Test
    void dataThatIsNotUtf8_isRefused() {
        BodyException refused = assertThrows(BodyException.class,
                () -> JimJson.readObject(new byte[] {'{', '"', 'p', '"', ':', '"', (byte) 0xC3, '"', '}'}));
        assertEquals("data must be UTF-8", refused.getMessage());
    }

    @Test
    void nestingDeeperThanTheLimit_isRefusedBeforeItIsBuilt() {
        String ok = "{\"a\":".repeat(JimJson.MAX_DEPTH - 1) + "{}" + "}".repeat(JimJson.MAX_DEPTH - 1);
        String deep = "{\"a\":".repeat(JimJson.MAX_DEPTH) + "{}" + "}".repeat(JimJson.MAX_DEPTH);
        JimJson.readObject(ok.getBytes(StandardCharsets.UTF_8));
        assertEquals("data", assertThrows(BodyException.class,
                () -> JimJson.readObject(deep.getBytes(StandardCharsets.UTF_8))).field());
    }

    @Test
    void aHundredItemsAndContacts_areTaken_aHundredAndOneAreNot() {
        assertEquals(JimJson.MAX_LIST, JimJson.readMessage(read(list("bd", JimJson.MAX_LIST, "{\"t\":1,\"d\":\"x\"}")))
                .items().size());
        assertEquals(JimJson.MAX_LIST, JimJson.readMessage(read(list("cc", JimJson.MAX_LIST, "{\"id\":1,\"t\":1}")))
                .cc().size());
        BodyException items = assertThrows(BodyException.class,
                () -> JimJson.readMessage(read(list("bd", JimJson.MAX_LIST + 1, "{\"t\":1,\"d\":\"x\"}"))));
        assertEquals("bd must have at most 100 entries", items.getMessage());
        BodyException contacts = assertThrows(BodyException.class,
                () -> JimJson.readMessage(read(list("cc", JimJson.MAX_LIST + 1, "{\"id\":1,\"t\":1}"))));
        assertEquals("cc must have at most 100 entries", contacts.getMessage());
    }

    @Test
    void unknownFields_areIgnored_asJimClientsSendExtras() {
        JimMessage m = JimJson.readMessage(read("{\"ios\":{\"token\":\"x\",\"issandbox\":1},\"and\":{\"alias\":\"a\"},"
                + "\"to\":{\"id\":9,\"t\":1,\"nick\":\"x\"},\"bd\":[{\"t\":1,\"d\":\"hi\",\"font\":\"serif\"}]}"));
        assertEquals(Contact.user(9), m.to());
        assertEquals(List.of(Item.of(Item.TEXT, "hi")), m.items());
    }

    @Test
    void nullFields_readAsAbsent() {
        JimMessage m = JimJson.readMessage(read(
                "{\"fr\":null,\"to\":{\"id\":9,\"t\":1},\"cc\":null,\"at\":null,\"st\":null,\"id\":null,\"bd\":[{\"t\":1,\"d\":null,\"c\":null,\"vd\":null}]}"));
        assertEquals(new JimMessage(null, Contact.user(9), List.of(), null, 0, 0, 0, List.of(new Item(1, null, 0, null))), m);
    }

    @Test
    void contactTypeZero_andIdZero_areTheGoZeroValues() {
        assertEquals(new Contact(0, Contact.NONE), JimJson.readContact(read("{\"c\":{}}").get("c"), "c"));
        assertNull(JimJson.readContact(null, "c"));
        assertNull(JimJson.readContact(JsonValue.NULL, "c"));
        assertEquals(Contact.group(7), JimJson.readContact(read("{\"c\":{\"id\":7,\"t\":2}}").get("c"), "c"));
    }

    @Test
    void readLongAndReadInt_takeAbsentOrNullAsTheDefault_andRefuseOutOfRangeFractionsAndStrings() {
        JsonObject o = read("{\"sz\":300,\"half\":2.5,\"s\":\"12\",\"n\":null,\"big\":1e2,\"lmid\":9007199254740993}");
        assertEquals(50, JimJson.readInt(o, "absent", 1, 200, 50));
        assertEquals(50, JimJson.readInt(o, "n", 1, 200, 50));
        assertEquals(300, JimJson.readInt(o, "sz", 1, 300, 50));
        assertEquals(9007199254740993L, JimJson.readLong(o, "lmid", 0, Long.MAX_VALUE, 0), "no double rounding");
        assertEquals("sz must be 1-200", assertThrows(BodyException.class, () -> JimJson.readInt(o, "sz", 1, 200, 50))
                .getMessage());
        assertEquals("half must be a whole number", assertThrows(BodyException.class,
                () -> JimJson.readLong(o, "half", 0, 10, 0)).getMessage());
        assertEquals("s must be a whole number", assertThrows(BodyException.class,
                () -> JimJson.readLong(o, "s", 0, 100, 0)).getMessage());
        assertEquals("big must be a whole number", assertThrows(BodyException.class,
                () -> JimJson.readLong(o, "big", 0, 1000, 0)).getMessage(), "exponent notation is not a Go integer");
    }

    @Test
    void goldenMsgRequest_readsEveryField_andWritesBackTheSameJson() {
        GoldenVectors.Vector vector = GoldenVectors.read("msg_request.hex");
        JsonObject data = JimJson.readObject(vector.packet().data());
        JimMessage m = JimJson.readMessage(data);
        assertEquals(new JimMessage(Contact.user(42), Contact.user(43), List.of(Contact.group(7)), Contact.user(42), 1,
                1763892001000L, 7, List.of(Item.of(Item.TEXT, "晚上好 👋"),
                        Item.of(Item.IMAGE, "5d41402abc4b2a76b9719d911017c592.jpg"),
                        new Item(Item.VOICE, "7c4a8d09ca3762af61e59520943dc26494f8941b.amr", 0, 5))), m);
        assertEquals(data, JimJson.writeMessage(m));
        assertEquals(new String(vector.packet().data(), StandardCharsets.UTF_8), JimJson.writeMessage(m).toString(),
                "same keys in the same order as the Go struct");
    }

    @Test
    void write_leavesOutNullContactsEmptyListsAndZeros_asGoOmitempty() {
        assertEquals("{}", JimJson.writeMessage(new JimMessage(null, null, List.of(), null, 0, 0, 0, List.of())).toString());
        assertEquals("{}", JimJson.writeContact(new Contact(0, Contact.NONE)).toString());
        assertEquals("{\"id\":5}", JimJson.writeContact(new Contact(5, Contact.NONE)).toString());
        assertEquals("{\"fr\":{\"id\":7,\"t\":2},\"to\":{\"id\":1,\"t\":1},\"cc\":[{\"id\":3,\"t\":1}],\"ar\":{\"id\":2,\"t\":1},"
                        + "\"at\":6,\"st\":1700000000000,\"id\":-3,\"bd\":[{\"t\":1,\"d\":\"x\"}]}",
                JimJson.writeMessage(new JimMessage(Contact.group(7), Contact.user(1), List.of(Contact.user(3)), Contact.user(2),
                        6, 1700000000000L, -3, List.of(Item.of(Item.TEXT, "x")))).toString());
    }

    @Test
    void writeItem_omitsCountUpToOne_andEmptyData_butKeepsASetVoiceDurationEvenZero() {
        assertEquals("{\"t\":1}", JimJson.writeItem(new Item(1, null, 0, null)).toString());
        assertEquals("{\"t\":1}", JimJson.writeItem(new Item(1, "", 1, null)).toString());
        assertEquals("{\"c\":3,\"t\":3,\"d\":\"[smile]\"}", JimJson.writeItem(new Item(3, "[smile]", 3, null)).toString());
        assertEquals("{\"t\":4,\"d\":\"v.amr\",\"vd\":0}", JimJson.writeItem(new Item(4, "v.amr", 0, 0)).toString());
        assertEquals("{\"t\":4,\"d\":\"v.amr\"}", JimJson.writeItem(new Item(4, "v.amr", 0, null)).toString());
        assertEquals("{\"d\":\"x\"}", JimJson.writeItem(new Item(0, "x", 0, null)).toString());
    }

    @Test
    void writtenMessages_readBackEqual() {
        JimMessage m = new JimMessage(Contact.user(1), Contact.group(2), List.of(Contact.user(3), Contact.group(4)),
                Contact.user(1), 3, 1, Long.MAX_VALUE, List.of(new Item(4, "v", 0, 0), new Item(3, "e", 2, null),
                Item.of(6, "f.pdf"), Item.of(0, "{}")));
        assertEquals(m, JimJson.readMessage(read(JimJson.writeMessage(m).toString())));
    }

    private static JsonObject read(String data) {
        return JimJson.readObject(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String list(String field, int size, String element) {
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            elements.add(element);
        }
        return "{\"" + field + "\":[" + String.join(",", elements) + "]}";
    }
}
