package io.chorus.web.protocol.b;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden round trips: each file's bytes were produced by an encoder written independently of this
 * codec, so these tests pin the wire format, not just self-consistency.
 */
class PacketGoldenTest {
    private static final List<String> REQUIRED = List.of("auth_request.hex", "auth_response.hex",
            "msg_request.hex", "msg_response.hex", "error_unknown_command.hex", "conflict_notification.hex");

    private final PacketEncoder encoder = new PacketEncoder();

    @Test
    void goldenDirectory_holdsEveryRequiredVector() {
        assertTrue(GoldenVectors.names().containsAll(REQUIRED), () -> "missing vectors in " + GoldenVectors.names());
    }

    @TestFactory
    Stream<DynamicTest> encode_producesTheGoldenBytes() {
        return GoldenVectors.all().stream().map(v -> DynamicTest.dynamicTest(v.name(), () ->
                assertEquals(HexFormat.of().formatHex(v.wire()), HexFormat.of().formatHex(encoder.encode(v.packet())))));
    }

    @TestFactory
    Stream<DynamicTest> decode_ofTheGoldenBytes_givesThePacketItsFieldLineNames() {
        return GoldenVectors.all().stream().map(v -> DynamicTest.dynamicTest(v.name(), () ->
                assertEquals(List.of(v.packet()), new PacketStreamDecoder(64 * 1024).feed(v.wire()))));
    }

    @Test
    void authRequest_isARequestCarryingBase64CredentialsAndTerminal() {
        Packet packet = GoldenVectors.read("auth_request.hex").packet();
        JsonObject json = json(packet);
        assertEquals(Command.AUTH, packet.command().orElseThrow());
        assertEquals(PacketType.REQUEST, packet.type());
        assertEquals(List.of("u", "p", "tt", "ts", "tv"), List.copyOf(json.keySet()));
        assertEquals(1, json.getInt("tt"));
    }

    @Test
    void authResponse_echoesTheRequestSid() {
        Packet request = GoldenVectors.read("auth_request.hex").packet();
        Packet response = GoldenVectors.read("auth_response.hex").packet();
        assertEquals(PacketType.RESPONSE, response.type());
        assertEquals(request.sid(), response.sid());
        assertEquals(42, json(response).getJsonObject("usr").getInt("uid"));
    }

    @Test
    void msgRequest_carriesEveryMessageFieldAndTextImageVoiceItems() {
        Packet packet = GoldenVectors.read("msg_request.hex").packet();
        JsonObject json = json(packet);
        assertEquals(Command.MSG, packet.command().orElseThrow());
        assertEquals(List.of("fr", "to", "cc", "ar", "at", "st", "id", "bd"), List.copyOf(json.keySet()));
        JsonArray items = json.getJsonArray("bd");
        assertEquals(List.of(1, 2, 4), items.getValuesAs(JsonObject.class).stream().map(i -> i.getInt("t")).toList());
        assertEquals(5, items.getJsonObject(2).getInt("vd"));
        assertEquals("晚上好 👋", items.getJsonObject(0).getString("d"));
    }

    @Test
    void msgResponse_carriesOriginalAndServerIds() {
        Packet packet = GoldenVectors.read("msg_response.hex").packet();
        JsonObject json = json(packet);
        assertEquals(PacketType.RESPONSE, packet.type());
        assertEquals(7, json.getInt("oid"));
        assertEquals(1001, json.getInt("mid"));
    }

    @Test
    void errorPacket_keepsItsUnknownCommandByte() {
        Packet packet = GoldenVectors.read("error_unknown_command.hex").packet();
        assertEquals(PacketType.ERROR, packet.type());
        assertEquals(0x7f, packet.cmd());
        assertTrue(packet.command().isEmpty());
    }

    @Test
    void conflictNotification_hasNoData() {
        Packet packet = GoldenVectors.read("conflict_notification.hex").packet();
        assertEquals(Command.CONFLICT_NOTIFICATION, packet.command().orElseThrow());
        assertArrayEquals(new byte[0], packet.data());
        assertEquals(2 + Packet.HEADER_LENGTH + 1, GoldenVectors.read("conflict_notification.hex").wire().length);
    }

    private static JsonObject json(Packet packet) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(packet.data()))) {
            return reader.readObject();
        }
    }
}
