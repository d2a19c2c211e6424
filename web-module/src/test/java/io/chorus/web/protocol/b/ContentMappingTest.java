package io.chorus.web.protocol.b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ContentMappingTest {

    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("{\"msg_type\":\"text\",\"text\":\"晚上好 👋\"}", List.of(Item.of(1, "晚上好 👋"))),
                Arguments.of("{\"msg_type\":\"image\",\"uri\":\"a.jpg\"}", List.of(Item.of(2, "a.jpg"))),
                Arguments.of("{\"msg_type\":\"expression\",\"code\":\"[smile]\"}", List.of(Item.of(3, "[smile]"))),
                Arguments.of("{\"msg_type\":\"voice\",\"uri\":\"v.amr\",\"duration\":5}", List.of(new Item(4, "v.amr", 0, 5))),
                Arguments.of("{\"msg_type\":\"gif\",\"uri\":\"g.gif\"}", List.of(Item.of(5, "g.gif"))),
                Arguments.of("{\"msg_type\":\"expression\",\"code\":\"[smile]\",\"count\":3}", List.of(new Item(3, "[smile]", 3, null))),
                Arguments.of("{\"msg_type\":\"custom\",\"custom_type\":\"jim_item\",\"item\":{\"t\":6,\"d\":\"report.pdf\"}}",
                        List.of(Item.of(6, "report.pdf"))),
                Arguments.of("{\"msg_type\":\"custom\",\"custom_type\":\"multi\",\"items\":[{\"msg_type\":\"text\",\"text\":\"look\"},"
                        + "{\"msg_type\":\"image\",\"uri\":\"a.jpg\"},{\"msg_type\":\"voice\",\"uri\":\"v.amr\",\"duration\":2}]}",
                        List.of(Item.of(1, "look"), Item.of(2, "a.jpg"), new Item(4, "v.amr", 0, 2))));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void eachRow_mapsBothWays(String payload, List<Item> items) {
        assertEquals(items, ContentMapping.toDialectB(json(payload)));
        assertEquals(json(payload), ContentMapping.toDialectA(items));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void eachRow_survivesTheWire(String payload, List<Item> items) {
        JimMessage sent = new JimMessage(null, Contact.user(2), List.of(), null, 0, 0, 1, ContentMapping.toDialectB(json(payload)));
        JimMessage read = JimJson.readMessage(JimJson.writeMessage(sent));
        assertEquals(json(payload), ContentMapping.toDialectA(read.items()));
    }

    @Test
    void otherPayloads_travelWholeAsItemZero_andComeBackEqual() {
        for (String payload : List.of(
                "{\"msg_type\":\"video\",\"uri\":\"m.mp4\",\"duration\":9}",
                "{\"msg_type\":\"text\",\"text\":\"hi\",\"mentions\":[\"u1\"]}",
                "{\"msg_type\":\"voice\",\"uri\":\"v.amr\"}",
                "{\"msg_type\":\"text\",\"text\":\"hi\",\"count\":1}",
                "{\"msg_type\":\"custom\",\"custom_type\":\"peer_revoked\"}",
                "{\"msg_type\":\"location\",\"lat\":1.5,\"lng\":2.25}")) {
            List<Item> items = ContentMapping.toDialectB(json(payload));
            assertEquals(1, items.size(), payload);
            assertEquals(0, items.get(0).type(), payload);
            assertEquals(json(payload), json(items.get(0).data()), payload);
            assertEquals(json(payload), ContentMapping.toDialectA(items), payload);
        }
    }

    @Test
    void oddItems_travelAsJimItem_andComeBackEqual() {
        for (Item item : List.of(Item.of(0, "not json"), Item.of(0, "[1,2]"), new Item(1, "x", 0, 3), Item.of(77, "?"),
                new Item(0, "{\"msg_type\":\"text\",\"text\":\"x\"}", 2, null))) {
            JsonObject a = ContentMapping.toDialectA(List.of(item));
            assertEquals("jim_item", a.getString("custom_type"), item::toString);
            assertEquals(List.of(item), ContentMapping.toDialectB(a), item::toString);
        }
    }

    @Test
    void noItems_isRefused() {
        assertEquals("bd", assertThrows(BodyException.class, () -> ContentMapping.toDialectA(List.of())).field());
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
