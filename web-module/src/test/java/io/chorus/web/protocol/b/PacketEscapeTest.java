package io.chorus.web.protocol.b;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every place a byte can need escaping: the clear KEY, a header byte and a data byte, each landing on
 * STX, ETX and DLE after the XOR. Keys are constructed so the XOR produces the special byte.
 */
class PacketEscapeTest {
    private static final int SEED = 0xA5;
    private static final int CMD = Command.MSG.id();
    private static final byte[] DATA = "{\"oid\":7}".getBytes(StandardCharsets.UTF_8);

    private final PacketEncoder encoder = new PacketEncoder();

    @ParameterizedTest(name = "key 0x{0}")
    @ValueSource(ints = {0x55, 0x04, 0x05})
    void keyEqualToASpecialByte_isEscapedAndDecodesBack(int special) {
        Packet packet = new Packet(special, CMD, PacketType.REQUEST, 0, 0x0102, DATA);
        byte[] wire = encoder.encode(packet);
        assertArrayEquals(new byte[] {0x55, 0x55, 0x05, (byte) special}, Arrays.copyOf(wire, 4), hex(wire));
        assertRoundTrip(packet, wire);
    }

    @ParameterizedTest(name = "cmd xor -> 0x{0}")
    @ValueSource(ints = {0x55, 0x04, 0x05})
    void headerByteXoringToASpecialByte_isEscapedAndDecodesBack(int special) {
        int key = CMD ^ special ^ SEED; // so that CMD ^ (key ^ SEED) == special
        Packet packet = new Packet(key, CMD, PacketType.REQUEST, 0, 0x0102, DATA);
        byte[] wire = encoder.encode(packet);
        // STX STX KEY, then the CMD byte as DLE + special (KEY itself is never special for these keys).
        assertEquals(0x05, wire[3] & 0xFF, hex(wire));
        assertEquals(special, wire[4] & 0xFF, hex(wire));
        assertRoundTrip(packet, wire);
    }

    @ParameterizedTest(name = "sid low byte xor -> 0x{0}")
    @ValueSource(ints = {0x55, 0x04, 0x05})
    void sidByteXoringToASpecialByte_isEscapedAndDecodesBack(int special) {
        int key = 0x3c;
        int sid = 0x1200 | (special ^ key ^ SEED);
        Packet packet = new Packet(key, CMD, PacketType.RESPONSE, 0, sid, DATA);
        byte[] wire = encoder.encode(packet);
        assertEquals(1, occurrences(wire, new byte[] {0x05, (byte) special}), hex(wire));
        assertRoundTrip(packet, wire);
    }

    @ParameterizedTest(name = "data xor -> 0x{0}")
    @ValueSource(ints = {0x55, 0x04, 0x05})
    void dataByteXoringToASpecialByte_isEscapedAndDecodesBack(int special) {
        int key = '{' ^ special ^ SEED; // the first data byte, '{', lands on the special byte
        Packet packet = new Packet(key, CMD, PacketType.REQUEST, 0, 0x0102, DATA);
        byte[] wire = encoder.encode(packet);
        int firstData = 2 + Packet.HEADER_LENGTH;
        assertEquals(0x05, wire[firstData] & 0xFF, hex(wire));
        assertEquals(special, wire[firstData + 1] & 0xFF, hex(wire));
        assertRoundTrip(packet, wire);
    }

    @ParameterizedTest(name = "all data 0x{0}")
    @ValueSource(ints = {0x55, 0x04, 0x05})
    void dataMadeOnlyOfSpecialBytes_doublesInLength(int special) {
        byte[] data = new byte[100];
        Arrays.fill(data, (byte) special);
        Packet packet = new Packet(SEED, CMD, PacketType.REQUEST, 0, 0x0102, data); // key 0xA5: XOR with 0
        byte[] wire = encoder.encode(packet);
        assertEquals(2 + Packet.HEADER_LENGTH + 2 * data.length + 1, wire.length, hex(wire));
        assertRoundTrip(packet, wire);
    }

    private static void assertRoundTrip(Packet packet, byte[] wire) {
        assertEquals(0x04, wire[wire.length - 1] & 0xFF);
        assertEquals(List.of(packet), new PacketStreamDecoder(1024).feed(wire));
    }

    private static int occurrences(byte[] haystack, byte[] needle) {
        int count = 0;
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                count++;
            }
        }
        return count;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
