package io.chorus.web.protocol.b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JimJsonTest {

    @Test
    void goldenMsgRequest_readsEveryField() {
        Packet packet = GoldenVectors.read("msg_request.hex").packet();
        JimMessage m = JimJson.readMessage(JimJson.readObject(packet.data()));

        assertEquals(Contact.user(42), m.from());
        assertEquals(Contact.user(43), m.to());
        assertEquals(List.of(Contact.group(7)), m.cc());
        assertEquals(Contact.user(42), m.author());
        assertEquals(1, m.authorTerminal());
        assertEquals(1763892001000L, m.stamp());
        assertEquals(7, m.id());
        assertEquals(List.of(Item.of(1, "晚上好 👋"), Item.of(2, "5d41402abc4b2a76b9719d911017c592.jpg"),
                new Item(4, "7c4a8d09ca3762af61e59520943dc26494f8941b.amr", 0, 5)), m.items());
        assertEquals(JimJson.readObject(packet.data()), JimJson.writeMessage(m), "written back the same");
    }

    @Test
    void write_leavesOutEmptyFields_asGoOmitempty() {
        JimMessage m = new JimMessage(null, Contact.user(9), List.of(), null, 0, 0, 5, List.of(Item.of(1, "")));
        assertEquals("{\"to\":{\"id\":9,\"t\":1},\"id\":5,\"bd\":[{\"t\":1}]}", JimJson.writeMessage(m).toString());
    }

    @Test
    void emptyData_isAnEmptyObject() {
        assertTrue(JimJson.readObject(new byte[0]).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[1]", "\"x\"", "{\"a\":1,\"a\":2}", "{", "{\"to\":{\"id\":1.5,\"t\":1}}", "{\"to\":{\"id\":-1,\"t\":1}}",
        "{\"to\":{\"id\":1,\"t\":3}}", "{\"to\":[1]}", "{\"bd\":[{\"t\":256}]}", "{\"bd\":[{\"t\":1,\"c\":40000}]}",
        "{\"bd\":[{\"t\":4,\"vd\":-1}]}", "{\"bd\":[{\"t\":1,\"d\":5}]}", "{\"bd\":[7]}", "{\"bd\":{}}", "{\"st\":\"now\"}",
        "{\"id\":99999999999999999999}", "{\"cc\":[{\"id\":1,\"t\":\"x\"}]}"})
    void badMessages_areRefusedNamingTheFieldButNotTheValue(String data) {
        BodyException refused = assertThrows(BodyException.class,
                () -> JimJson.readMessage(JimJson.readObject(data.getBytes(StandardCharsets.UTF_8))));
        assertFalse(refused.getMessage().contains("40000") || refused.getMessage().contains("now"), refused.getMessage());
    }

    @Test
    void tooManyItemsOrContacts_andDeepNesting_andNonUtf8_areRefused() {
        StringBuilder items = new StringBuilder("{\"bd\":[");
        for (int i = 0; i <= JimJson.MAX_LIST; i++) {
            items.append(i == 0 ? "" : ",").append("{\"t\":1,\"d\":\"x\"}");
        }
        String tooMany = items.append("]}").toString();
        assertEquals("bd", assertThrows(BodyException.class,
                () -> JimJson.readMessage(JimJson.readObject(tooMany.getBytes(StandardCharsets.UTF_8)))).field());
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        assertThrows(BodyException.class, () -> JimJson.readObject(deep.getBytes(StandardCharsets.UTF_8)));
        assertThrows(BodyException.class, () -> JimJson.readObject(new byte[] {'{', (byte) 0xC3, '}'}));
    }

    @Test
    void readLong_appliesRangeAndDefault() {
        JsonObject o = Json.createObjectBuilder().add("sz", 300).build();
        assertEquals(50, JimJson.readInt(o, "other", 1, 200, 50));
        assertEquals("sz", assertThrows(BodyException.class, () -> JimJson.readInt(o, "sz", 1, 200, 50)).field());
    }
}
