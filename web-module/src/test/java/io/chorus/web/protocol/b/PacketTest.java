package io.chorus.web.protocol.b;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PacketTest {
    private static final byte[] SECRET = "{\"p\":\"aHVudGVyMg==\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void data_isCopiedInAndOut() {
        byte[] data = SECRET.clone();
        Packet packet = new Packet(1, 1, PacketType.REQUEST, 0, 1, data);
        data[0] = 'X';
        packet.data()[1] = 'Y';
        assertArrayEquals(SECRET, packet.data());
    }

    @Test
    void equalsAndHashCode_compareTheDataByContent() {
        Packet a = new Packet(1, 0x10, PacketType.RESPONSE, 0, 7, SECRET.clone());
        Packet b = new Packet(1, 0x10, PacketType.RESPONSE, 0, 7, SECRET.clone());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new Packet(1, 0x10, PacketType.RESPONSE, 0, 7, new byte[0]));
        assertNotEquals(a, new Packet(2, 0x10, PacketType.RESPONSE, 0, 7, SECRET.clone()));
    }

    @Test
    void toString_namesTheFieldsAndTheDataLengthButNeverTheData() {
        String text = new Packet(0x3c, 0x01, PacketType.REQUEST, 0, 0x1a2b, SECRET).toString();
        assertEquals("Packet[key=0x3c, cmd=0x01 AUTH, type=REQUEST, code=0, sid=0x1a2b, data=20 bytes]", text);
        assertFalse(text.contains("aHVudGVyMg"), text);
    }

    @Test
    void toString_ofAnUnknownCommand_saysUnknown() {
        assertTrue(new Packet(0, 0x7f, PacketType.ERROR, 0, 0, new byte[0]).toString().contains("cmd=0x7f UNKNOWN"));
    }

    @Test
    void fieldsOutsideTheirWireRange_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Packet(256, 1, PacketType.REQUEST, 0, 0, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new Packet(0, -1, PacketType.REQUEST, 0, 0, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new Packet(0, 1, PacketType.REQUEST, 128, 0, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new Packet(0, 1, PacketType.REQUEST, 0, 0x10000, new byte[0]));
        assertThrows(NullPointerException.class, () -> new Packet(0, 1, null, 0, 0, new byte[0]));
    }

    @Test
    void negativeCode_survivesARoundTripAsTheGoServersInt8() {
        Packet packet = new Packet(0x3c, 1, PacketType.ERROR, -1, 0, new byte[0]);
        assertEquals(List.of(packet), new PacketStreamDecoder(64).feed(new PacketEncoder().encode(packet)));
    }

    @Test
    void command_lookupByByte_findsKnownIdsOnly() {
        assertEquals(Optional.of(Command.AUTH), Command.of(0x01));
        assertEquals(Optional.of(Command.GET_MSG_BODYS), Command.of(0x14));
        assertEquals(Optional.empty(), Command.of(0x15));
        assertEquals(Optional.empty(), Command.of(-1));
        assertEquals(Optional.empty(), Command.of(256));
    }

    @Test
    void packetType_lookupByByte_findsOneToThreeOnly() {
        assertEquals(Optional.of(PacketType.ERROR), PacketType.of(3));
        assertEquals(Optional.empty(), PacketType.of(0));
        assertEquals(Optional.empty(), PacketType.of(4));
    }
}
