package io.chorus.web.protocol.b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every row of the {@link ContentMapping} table both ways, and the round trips that make it lossless:
 * A→B→A gives the same payload, B→A→B the same JIM JSON, directly and through a written and re-read
 * {@code Cmd_Msg}.
 */
class ContentMappingRowsTest {
    private static final String IMAGE_FILE = "{\"id\":\"q1Zr3mY8T0mUw7s0b9c2Ag\",\"name\":\"cat.png\",\"size\":48213,"
            + "\"type\":\"image/png\",\"width\":640,\"height\":480}";
    private static final String VOICE_FILE = "{\"id\":\"Zr3mY8T0mUw7s0b9c2Agq1\",\"name\":\"hi.ogg\",\"size\":9000,"
            + "\"type\":\"audio/ogg\",\"duration\":7}";
    private static final String VIDEO = "{\"msg_type\":\"video\",\"uri\":\"m.mp4\",\"duration\":9}";

    /** row, dialect A payload, JIM items: each maps exactly to the other. */
    static Stream<Arguments> rows() {
        return Stream.of(
                row("text", "{\"msg_type\":\"text\",\"text\":\"晚上好 👋\"}", Item.of(1, "晚上好 👋")),
                row("empty text", "{\"msg_type\":\"text\",\"text\":\"\"}", Item.of(1, "")),
                row("image", "{\"msg_type\":\"image\",\"uri\":\"a.jpg\"}", Item.of(2, "a.jpg")),
                row("expression", "{\"msg_type\":\"expression\",\"code\":\"[smile]\"}", Item.of(3, "[smile]")),
                row("voice", "{\"msg_type\":\"voice\",\"uri\":\"v.amr\",\"duration\":5}", new Item(4, "v.amr", 0, 5)),
                row("voice of 0 s", "{\"msg_type\":\"voice\",\"uri\":\"v.amr\",\"duration\":0}", new Item(4, "v.amr", 0, 0)),
                row("gif", "{\"msg_type\":\"gif\",\"uri\":\"g.gif\"}", Item.of(5, "g.gif")),
                row("image file", "{\"msg_type\":\"image\",\"file\":" + IMAGE_FILE + "}",
                        new Item(2, "cat.png", 0, null, json(IMAGE_FILE))),
                row("voice file", "{\"msg_type\":\"voice\",\"file\":" + VOICE_FILE + "}",
                        new Item(4, "hi.ogg", 0, 7, json(VOICE_FILE))),
                row("count", "{\"msg_type\":\"expression\",\"code\":\"[smile]\",\"count\":3}", new Item(3, "[smile]", 3, null)),
                row("count max", "{\"msg_type\":\"text\",\"text\":\"x\",\"count\":32767}", new Item(1, "x", 32767, null)),
                row("voice count", "{\"msg_type\":\"voice\",\"uri\":\"v.amr\",\"duration\":2,\"count\":2}",
                        new Item(4, "v.amr", 2, 2)),
                row("t0 video", VIDEO, Item.of(0, VIDEO)),
                row("t0 text with extra field", "{\"msg_type\":\"text\",\"text\":\"hi\",\"mentions\":[\"u1\"]}",
                        Item.of(0, "{\"msg_type\":\"text\",\"text\":\"hi\",\"mentions\":[\"u1\"]}")),
                row("t0 revoke stub", "{\"msg_type\":\"custom\",\"custom_type\":\"peer_revoked\"}",
                        Item.of(0, "{\"msg_type\":\"custom\",\"custom_type\":\"peer_revoked\"}")),
                row("jim_item offline file", "{\"msg_type\":\"custom\",\"custom_type\":\"jim_item\",\"item\":{\"t\":6,\"d\":\"r.pdf\"}}",
                        Item.of(6, "r.pdf")),
                row("jim_item unknown t, every field", "{\"msg_type\":\"custom\",\"custom_type\":\"jim_item\","
                        + "\"item\":{\"c\":2,\"t\":77,\"d\":\"?\",\"vd\":4}}", new Item(77, "?", 2, 4)),
                row("jim_item voice without vd", "{\"msg_type\":\"custom\",\"custom_type\":\"jim_item\","
                        + "\"item\":{\"t\":4,\"d\":\"v.amr\"}}", new Item(4, "v.amr", 0, null)),
                row("jim_item text with vd", "{\"msg_type\":\"custom\",\"custom_type\":\"jim_item\","
                        + "\"item\":{\"t\":1,\"d\":\"x\",\"vd\":3}}", new Item(1, "x", 0, 3)),
                row("jim_item t0 not JSON", "{\"msg_type\":\"custom\",\"custom_type\":\"jim_item\",\"item\":{\"d\":\"not json\"}}",
                        Item.of(0, "not json")),
                row("jim_item t0 no data", "{\"msg_type\":\"custom\",\"custom_type\":\"jim_item\",\"item\":{}}",
                        Item.of(0, null)),
                row("multi", "{\"msg_type\":\"custom\",\"custom_type\":\"multi\",\"items\":[{\"msg_type\":\"text\",\"text\":\"look\"},"
                        + "{\"msg_type\":\"image\",\"uri\":\"a.jpg\"},{\"msg_type\":\"voice\",\"uri\":\"v.amr\",\"duration\":2}]}",
                        Item.of(1, "look"), Item.of(2, "a.jpg"), new Item(4, "v.amr", 0, 2)),
                row("multi of every kind", "{\"msg_type\":\"custom\",\"custom_type\":\"multi\",\"items\":["
                        + "{\"msg_type\":\"gif\",\"uri\":\"g.gif\",\"count\":2}," + VIDEO + ","
                        + "{\"msg_type\":\"custom\",\"custom_type\":\"jim_item\",\"item\":{\"t\":6,\"d\":\"r.pdf\"}},"
                        + "{\"msg_type\":\"custom\",\"custom_type\":\"peer_revoked\"}]}",
                        new Item(5, "g.gif", 2, null), Item.of(0, VIDEO), Item.of(6, "r.pdf"),
                        Item.of(0, "{\"msg_type\":\"custom\",\"custom_type\":\"peer_revoked\"}")));
    }

    private static Arguments row(String name, String payload, Item... items) {
        return Arguments.of(name, json(payload), List.of(items));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void dialectA_toItems(String row, JsonObject payload, List<Item> items) {
        assertEquals(items, ContentMapping.toDialectB(payload));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void items_toDialectA(String row, JsonObject payload, List<Item> items) {
        assertEquals(payload, ContentMapping.toDialectA(items));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void aToBToA_andBToAToB_comeBackTheSame(String row, JsonObject payload, List<Item> items) {
        assertEquals(payload, ContentMapping.toDialectA(ContentMapping.toDialectB(payload)));
        assertEquals(wire(items), wire(ContentMapping.toDialectB(ContentMapping.toDialectA(items))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void bothWays_surviveACmdMsgWrittenAndReadAgain(String row, JsonObject payload, List<Item> items) {
        assertEquals(payload, ContentMapping.toDialectA(overTheWire(ContentMapping.toDialectB(payload))));
        assertEquals(wire(items), wire(ContentMapping.toDialectB(ContentMapping.toDialectA(overTheWire(items)))));
    }

    /** Almost a typed row: a field too many or too few, or the wrong JSON type. The payload travels whole. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"msg_type\":\"text\",\"text\":5}",
        "{\"msg_type\":\"text\"}",
        "{\"msg_type\":\"text\",\"text\":\"x\",\"count\":1}",
        "{\"msg_type\":\"text\",\"text\":\"x\",\"count\":0}",
        "{\"msg_type\":\"text\",\"text\":\"x\",\"count\":2.5}",
        "{\"msg_type\":\"text\",\"text\":\"x\",\"count\":2.0}",
        "{\"msg_type\":\"text\",\"text\":\"x\",\"count\":\"2\"}",
        "{\"msg_type\":\"text\",\"text\":\"x\",\"count\":32768}",
        "{\"msg_type\":\"image\",\"uri\":null}",
        "{\"msg_type\":\"image\",\"url\":\"a.jpg\"}",
        "{\"msg_type\":\"expression\",\"code\":\"[smile]\",\"uri\":\"x\"}",
        "{\"msg_type\":\"voice\",\"uri\":\"v.amr\"}",
        "{\"msg_type\":\"voice\",\"uri\":\"v.amr\",\"duration\":-1}",
        "{\"msg_type\":\"voice\",\"uri\":\"v.amr\",\"duration\":1.5}",
        "{\"msg_type\":\"voice\",\"uri\":\"v.amr\",\"duration\":5.0}",
        "{\"msg_type\":\"voice\",\"uri\":\"v.amr\",\"duration\":\"5\"}",
        "{\"msg_type\":\"voice\",\"uri\":\"v.amr\",\"duration\":2147483648}",
        "{\"msg_type\":\"gif\",\"uri\":[\"g.gif\"]}",
        "{\"msg_type\":\"file\",\"uri\":\"a.zip\",\"name\":\"a.zip\",\"size\":1024}",
        "{\"msg_type\":\"location\",\"lat\":31.2304,\"lng\":121.4737,\"title\":\"上海\"}",
        "{\"msg_type\":\"custom\",\"custom_type\":\"card\",\"uid\":\"u1\"}",
        "{\"msg_type\":\"TEXT\",\"text\":\"x\"}",
        "{\"msg_type\":\"image\",\"file\":{\"id\":\"x\"}}",
        "{\"msg_type\":\"image\",\"file\":{\"id\":\"x\",\"name\":\"a.png\"},\"uri\":\"a.png\"}",
        "{\"msg_type\":\"voice\",\"file\":{\"id\":\"x\",\"name\":\"a.ogg\"}}",
        "{\"msg_type\":\"video\",\"file\":{\"id\":\"x\",\"name\":\"a.mp4\",\"duration\":3}}"})
    void otherPayloads_travelWholeAsItemZero(String text) {
        JsonObject payload = json(text);
        List<Item> items = ContentMapping.toDialectB(payload);
        assertEquals(List.of(Item.of(0, payload.toString())), items);
        assertEquals(payload, ContentMapping.toDialectA(items));
        assertEquals(payload, ContentMapping.toDialectA(overTheWire(items)));
    }

    /**
     * Payloads shaped like {@code jim_item} or {@code multi} that would not come back the same as items
     * (a typed item, a lossy item, a single or nested {@code multi}) travel whole too.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"msg_type\":\"custom\",\"custom_type\":\"jim_item\",\"item\":{\"t\":1,\"d\":\"x\"}}",
        "{\"msg_type\":\"custom\",\"custom_type\":\"jim_item\",\"item\":{\"t\":4,\"d\":\"v\",\"vd\":1}}",
        "{\"msg_type\":\"custom\",\"custom_type\":\"jim_item\",\"item\":{\"t\":6,\"d\":\"x\",\"c\":1}}",
        "{\"msg_type\":\"custom\",\"custom_type\":\"jim_item\",\"item\":{\"t\":6,\"d\":\"\"}}",
        "{\"msg_type\":\"custom\",\"custom_type\":\"jim_item\",\"item\":{\"t\":6,\"d\":\"x\",\"z\":1}}",
        "{\"msg_type\":\"custom\",\"custom_type\":\"jim_item\",\"item\":{\"t\":999}}",
        "{\"msg_type\":\"custom\",\"custom_type\":\"jim_item\",\"item\":\"x\"}",
        "{\"msg_type\":\"custom\",\"custom_type\":\"jim_item\",\"item\":{\"t\":6},\"extra\":1}",
        "{\"msg_type\":\"custom\",\"custom_type\":\"jim_item\",\"item\":{\"d\":\"{\\\"msg_type\\\":\\\"video\\\"}\"}}",
        "{\"msg_type\":\"custom\",\"custom_type\":\"multi\",\"items\":[]}",
        "{\"msg_type\":\"custom\",\"custom_type\":\"multi\",\"items\":[{\"msg_type\":\"text\",\"text\":\"a\"}]}",
        "{\"msg_type\":\"custom\",\"custom_type\":\"multi\",\"items\":[{\"msg_type\":\"text\",\"text\":\"a\"},7]}",
        "{\"msg_type\":\"custom\",\"custom_type\":\"multi\",\"items\":[{\"msg_type\":\"custom\",\"custom_type\":\"multi\","
                + "\"items\":[{\"msg_type\":\"text\",\"text\":\"a\"},{\"msg_type\":\"text\",\"text\":\"b\"}]},"
                + "{\"msg_type\":\"text\",\"text\":\"c\"}]}"})
    void customPayloadsThatWouldNotComeBack_travelWholeAsItemZero(String text) {
        JsonObject payload = json(text);
        List<Item> items = ContentMapping.toDialectB(payload);
        assertEquals(List.of(Item.of(0, payload.toString())), items);
        assertEquals(payload, ContentMapping.toDialectA(overTheWire(items)));
    }

    @Test
    void itemZeroCarryingAPayload_becomesThatPayload() {
        assertEquals(json(VIDEO), ContentMapping.toDialectA(List.of(Item.of(0, VIDEO))));
        String stub = "{\"msg_type\":\"custom\",\"custom_type\":\"peer_revoked\"}";
        assertEquals(json(stub), ContentMapping.toDialectA(List.of(Item.of(0, stub))));
    }

    /**
     * An item 0 whose text is JSON that would not come back as this very text (not a payload, another
     * row's payload, or the same JSON spelled differently) is kept as a {@code jim_item}.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"msg_type\":\"text\",\"text\":\"x\"}",
        "{ \"msg_type\" : \"video\" }",
        "{\"uri\":\"m.mp4\",\"msg_type\":\"video\"} ",
        "{\"msg_type\":\"custom\",\"custom_type\":\"jim_item\",\"item\":{\"t\":6}}",
        "{\"msg_type\":\"custom\",\"custom_type\":\"multi\",\"items\":[{\"msg_type\":\"text\",\"text\":\"a\"},"
                + "{\"msg_type\":\"text\",\"text\":\"b\"}]}",
        "{\"msg_type\":7}",
        "{\"text\":\"x\"}",
        "[{\"msg_type\":\"video\"}]",
        "{\"msg_type\":\"x\",\"a\":1,\"a\":2}",
        "{\"msg_type\":\"video\"",
        ""})
    void itemZeroThatWouldNotComeBack_isKeptAsAJimItem(String data) {
        Item item = Item.of(0, data);
        JsonObject a = ContentMapping.toDialectA(List.of(item));
        assertEquals("jim_item", a.getString("custom_type"));
        assertEquals(wire(List.of(item)), wire(ContentMapping.toDialectB(a)));
        assertEquals(wire(List.of(item)), wire(ContentMapping.toDialectB(ContentMapping.toDialectA(overTheWire(List.of(item))))));
    }

    @Test
    void itemZeroWithCountOrVoice_isKeptAsAJimItem() {
        for (Item item : List.of(new Item(0, VIDEO, 2, null), new Item(0, VIDEO, 0, 3))) {
            JsonObject a = ContentMapping.toDialectA(List.of(item));
            assertEquals("jim_item", a.getString("custom_type"), item::toString);
            assertEquals(List.of(item), ContentMapping.toDialectB(a), item::toString);
        }
    }

    @Test
    void countOfOne_andEmptyData_areTheSameItemAsOnTheWire() {
        assertEquals(json("{\"msg_type\":\"text\",\"text\":\"x\"}"), ContentMapping.toDialectA(List.of(new Item(1, "x", 1, null))));
        assertEquals(json("{\"msg_type\":\"text\",\"text\":\"\"}"), ContentMapping.toDialectA(List.of(new Item(1, null, 0, null))));
        assertEquals(json("{\"msg_type\":\"custom\",\"custom_type\":\"jim_item\",\"item\":{\"t\":6}}"),
                ContentMapping.toDialectA(List.of(new Item(6, "", 1, null))));
    }

    @Test
    void aHundredItems_comeBackInOrder() {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < JimJson.MAX_LIST; i++) {
            items.add(switch (i % 4) {
                case 0 -> Item.of(1, "t" + i);
                case 1 -> new Item(4, "v" + i, 0, i);
                case 2 -> Item.of(6, "f" + i);
                default -> Item.of(0, "{\"msg_type\":\"n\",\"i\":" + i + "}");
            });
        }
        JsonObject a = ContentMapping.toDialectA(items);
        assertEquals(JimJson.MAX_LIST, a.getJsonArray("items").size());
        assertEquals(items, ContentMapping.toDialectB(a));
        assertEquals(items, overTheWire(ContentMapping.toDialectB(a)));
    }

    /** Nested payloads are mapped once per level, not once per way through them. */
    @Test
    void deeplyNestedPayloads_mapQuickly() {
        JsonObject payload = json("{\"msg_type\":\"text\",\"text\":\"in\"}");
        for (int level = 0; level < 14; level++) {
            JsonArrayBuilder two = Json.createArrayBuilder().add(payload).add(json("{\"msg_type\":\"text\",\"text\":\"x\"}"));
            payload = Json.createObjectBuilder().add("msg_type", "custom").add("custom_type", "multi").add("items", two).build();
        }
        JsonObject nested = payload;
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertEquals(nested, ContentMapping.toDialectA(overTheWire(ContentMapping.toDialectB(nested))));
        });
        Item carried = Item.of(0, "not json");
        for (int level = 0; level < 6; level++) {
            carried = Item.of(0, ContentMapping.toDialectA(List.of(carried, Item.of(1, "x"))).toString());
        }
        Item deep = carried;
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertEquals(List.of(deep), ContentMapping.toDialectB(ContentMapping.toDialectA(List.of(deep))));
        });
    }

    @Test
    void noItems_isRefused() {
        BodyException refused = assertThrows(BodyException.class, () -> ContentMapping.toDialectA(List.of()));
        assertEquals("bd must not be empty", refused.getMessage());
    }

    @Test
    void itemsJimJsonCannotCarry_areRefusedNamingTheItem() {
        assertEquals("bd[1].t must be 0-255", assertThrows(BodyException.class,
                () -> ContentMapping.toDialectA(List.of(Item.of(1, "x"), Item.of(256, "x")))).getMessage());
        assertEquals("bd[0].c must be 0-32767", assertThrows(BodyException.class,
                () -> ContentMapping.toDialectA(List.of(new Item(1, "x", 40000, null)))).getMessage());
        assertEquals("bd[0].vd must be 0-2147483647", assertThrows(BodyException.class,
                () -> ContentMapping.toDialectA(List.of(new Item(4, "x", 0, -1)))).getMessage());
    }

    /** Written into a {@code Cmd_Msg}, turned into packet data, read back: what a JIM peer sees. */
    private static List<Item> overTheWire(List<Item> items) {
        JimMessage sent = new JimMessage(Contact.user(1), Contact.user(2), List.of(), Contact.user(1), 0, 0, 9, items);
        byte[] data = JimJson.writeMessage(sent).toString().getBytes(StandardCharsets.UTF_8);
        return JimJson.readMessage(JimJson.readObject(data)).items();
    }

    /** Items as JIM JSON, where {@code c} 0 and 1, and absent and empty {@code d}, are the same. */
    private static List<JsonObject> wire(List<Item> items) {
        return items.stream().map(JimJson::writeItem).toList();
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            return value.asJsonObject();
        }
    }
}
