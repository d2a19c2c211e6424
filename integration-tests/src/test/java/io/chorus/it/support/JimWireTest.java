package io.chorus.it.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.JimWire.JimPacket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The tests' own JIM framing, on its own and against the golden vectors of the server's codec: two
 * implementations, written apart, agree byte for byte. A plain unit test (surefire, no server).
 */
class JimWireTest {
    /** Relative to the integration-tests module directory, where surefire runs. */
    private static final Path GOLDEN = Path.of("..", "web-module", "src", "test", "resources", "golden", "b");
    private static final Pattern FIELDS = Pattern.compile(
            "# key=0x(\\p{XDigit}{2}) cmd=0x(\\p{XDigit}{2}) type=(\\d) code=(-?\\d+) sid=0x(\\p{XDigit}{4}) data=(.*)");

    // ---- hand-made vectors -------------------------------------------------------------------

    @Test
    void aKeyThatNeedsEscaping_isEscaped_andTheRestIsXoredWithKeyXorA5() {
        // key 0x05 → k = 0xA0: body 05 | 01^A0 01^A0 00^A0 00^A0 00^A0 = 05 A1 A1 A0 A0 A0
        assertArrayEquals(bytes("55 55 05 05 a1 a1 a0 a0 a0 04"), JimWire.encode(0x05, 0x01, 1, 0, 0, new byte[0]));
    }

    @Test
    void keyA5_meansNoXor_andEveryControlByteOfTheBodyIsEscaped() {
        // k = 0: body A5 55 04 05 05 04 55 → each of 55/04/05 gets a DLE.
        byte[] wire = JimWire.encode(0xA5, 0x55, 0x04, 0x05, 0x0504, new byte[] {0x55});
        assertArrayEquals(bytes("55 55 a5 05 55 05 04 05 05 05 05 05 04 05 55 04"), wire);
        assertEquals(new JimPacket(0xA5, 0x55, 0x04, 0x05, 0x0504, new byte[] {0x55}), single(wire));
    }

    @Test
    void dataBytesThatBecomeControlBytesAfterXor_areEscaped() {
        // key 0x55 → k = 0xF0; data A5 F4 F5 XOR to 55 04 05.
        byte[] wire = JimWire.encode(0x55, 0x10, 1, 0, 0x1234, new byte[] {(byte) 0xA5, (byte) 0xF4, (byte) 0xF5});
        assertArrayEquals(bytes("55 55 05 55 e0 f1 f0 e2 c4 05 55 05 04 05 05 04"), wire);
        JimPacket p = single(wire);
        assertEquals(0x55, p.key());
        assertEquals(0x1234, p.sid());
        assertArrayEquals(new byte[] {(byte) 0xA5, (byte) 0xF4, (byte) 0xF5}, p.data());
    }

    @Test
    void codeIsASignedByte() {
        assertEquals(-1, single(JimWire.encode(0x11, 0x7f, 3, -1, 1, new byte[0])).code());
        assertEquals(-1, single(JimWire.encode(0x11, 0x7f, 3, 0xFF, 1, new byte[0])).code());
    }

    @Test
    void json_isNullWithoutData_andTheObjectOtherwise() {
        assertNull(single(JimWire.encode(0xe2, 0x02, 1, 0, 0xbeef, null)).json());
        JimPacket p = single(JimWire.encode(0x3c, 0x01, 2, 0, 7, "{\"c\":0,\"s\":\"é 👋\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, p.json().getInt("c"));
        assertEquals("é 👋", p.json().getString("s"));
    }

    @Test
    void encode_refusesFieldsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> JimWire.encode(256, 1, 1, 0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> JimWire.encode(1, -1, 1, 0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> JimWire.encode(1, 1, 1, 0, 0x10000, null));
    }

    // ---- random packets ----------------------------------------------------------------------

    @Test
    void randomPackets_roundTrip_includingBytesThatNeedEscaping() {
        Random random = new Random(20251123);
        int escapes = 0;
        for (int n = 0; n < 5000; n++) {
            JimPacket packet = randomPacket(random);
            byte[] wire = packet.encode();
            assertEquals(packet, single(wire), packet::toString);
            escapes += countEscapes(wire);
        }
        assertTrue(escapes > 1000, "the random packets exercised escaping: " + escapes);
    }

    @Test
    void everyKey_andEverySid_roundTrip() {
        for (int key = 0; key < 256; key++) {
            for (int sid : new int[] {0, 0x0504, 0x5555, 0xFFFF, key << 8 | key}) {
                byte[] data = {(byte) (key ^ 0xA5 ^ 0x55), (byte) (key ^ 0xA5 ^ 0x04), (byte) (key ^ 0xA5 ^ 0x05), '{', '}'};
                JimPacket packet = new JimPacket(key, key, 1 + key % 3, 0, sid, data);
                assertEquals(packet, single(packet.encode()), packet::toString);
            }
        }
    }

    @Test
    void aPacketSplitAtEveryOffset_decodesOnceWhole() {
        Random random = new Random(7);
        for (int n = 0; n < 200; n++) {
            JimPacket packet = randomPacket(random);
            byte[] wire = packet.encode();
            for (int cut = 0; cut <= wire.length; cut++) {
                JimWire.Decoder decoder = new JimWire.Decoder();
                List<JimPacket> first = decoder.feed(Arrays.copyOfRange(wire, 0, cut));
                assertEquals(cut == wire.length ? 1 : 0, first.size(), "a packet before its ETX, cut " + cut);
                List<JimPacket> got = new ArrayList<>(first);
                got.addAll(decoder.feed(Arrays.copyOfRange(wire, cut, wire.length)));
                assertEquals(List.of(packet), got, "cut at " + cut + " of " + HexFormat.ofDelimiter(" ").formatHex(wire));
                assertTrue(decoder.atBoundary());
            }
        }
    }

    @Test
    void aPacketFedByteByByte_decodesOnlyAtItsEtx() {
        Random random = new Random(8);
        for (int n = 0; n < 200; n++) {
            JimPacket packet = randomPacket(random);
            byte[] wire = packet.encode();
            JimWire.Decoder decoder = new JimWire.Decoder();
            for (int i = 0; i < wire.length; i++) {
                List<JimPacket> got = decoder.feed(new byte[] {wire[i]});
                if (i < wire.length - 1) {
                    assertEquals(List.of(), got);
                    assertFalse(decoder.atBoundary());
                } else {
                    assertEquals(List.of(packet), got);
                }
            }
        }
    }

    @Test
    void threePacketsInOneChunk_decodeInOrder_andSoWhereverTheChunkIsCut() {
        Random random = new Random(9);
        for (int n = 0; n < 50; n++) {
            List<JimPacket> three = List.of(randomPacket(random), randomPacket(random), randomPacket(random));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            three.forEach(p -> out.writeBytes(p.encode()));
            byte[] wire = out.toByteArray();
            assertEquals(three, new JimWire.Decoder().feed(wire));
            for (int cut = 0; cut <= wire.length; cut++) {
                JimWire.Decoder decoder = new JimWire.Decoder();
                List<JimPacket> got = new ArrayList<>(decoder.feed(Arrays.copyOfRange(wire, 0, cut)));
                got.addAll(decoder.feed(Arrays.copyOfRange(wire, cut, wire.length)));
                assertEquals(three, got, "cut at " + cut);
            }
        }
    }

    @Test
    void randomChunking_ofALongStream_losesNothing() {
        Random random = new Random(10);
        List<JimPacket> sent = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int n = 0; n < 500; n++) {
            JimPacket p = randomPacket(random);
            sent.add(p);
            out.writeBytes(p.encode());
        }
        byte[] wire = out.toByteArray();
        JimWire.Decoder decoder = new JimWire.Decoder();
        List<JimPacket> got = new ArrayList<>();
        for (int at = 0; at < wire.length;) {
            int end = Math.min(wire.length, at + random.nextInt(60));
            got.addAll(decoder.feed(wire, at, end));
            at = end;
        }
        assertEquals(sent, got);
    }

    // ---- garbage -----------------------------------------------------------------------------

    @Test
    void garbage_throwsIllegalStateException() {
        for (String garbage : List.of(
                "41",                                  // not STX
                "55 41",                               // one STX only
                "55 55 04",                            // empty body
                "55 55 01 02 03 04",                   // body shorter than the header
                "55 55 01 02 03 06 07 08 05 07 04",    // DLE before a byte that needs no escaping
                "55 55 01 02 03 06 07 08 55 04",       // unescaped STX inside a body
                "55 55 a5 01 01 00 00 01 04 00")) {    // a good packet, then not STX
            assertThrows(IllegalStateException.class, () -> new JimWire.Decoder().feed(bytes(garbage)), garbage);
        }
    }

    @Test
    void aDecoderThatFailed_staysFailed() {
        JimWire.Decoder decoder = new JimWire.Decoder();
        assertThrows(IllegalStateException.class, () -> decoder.feed(bytes("00")));
        byte[] good = JimWire.encode(1, 1, 1, 0, 1, null);
        assertThrows(IllegalStateException.class, () -> decoder.feed(good));
        assertFalse(decoder.atBoundary());
    }

    // ---- golden vectors of the server's codec ------------------------------------------------

    @Test
    void everyGoldenVector_decodesToItsFieldLine_andEncodesBackToTheSameBytes() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(GOLDEN)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".hex")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no golden vectors under " + GOLDEN.toAbsolutePath());
        for (Path file : files) {
            String name = file.getFileName().toString();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
            Matcher fields = FIELDS.matcher(lines.get(0));
            assertTrue(fields.matches(), name + ": the first line names the fields");
            byte[] wire = HexFormat.of().parseHex(String.join("", lines.subList(1, lines.size())).replace(" ", ""));

            List<JimPacket> packets = new JimWire.Decoder().feed(wire);
            assertEquals(1, packets.size(), name);
            JimPacket p = packets.get(0);
            assertEquals(Integer.parseInt(fields.group(1), 16), p.key(), name + " key");
            assertEquals(Integer.parseInt(fields.group(2), 16), p.cmd(), name + " cmd");
            assertEquals(Integer.parseInt(fields.group(3)), p.type(), name + " type");
            assertEquals(Integer.parseInt(fields.group(4)), p.code(), name + " code");
            assertEquals(Integer.parseInt(fields.group(5), 16), p.sid(), name + " sid");
            assertEquals(fields.group(6), p.text(), name + " data");

            assertArrayEquals(wire, JimWire.encode(p.key(), p.cmd(), p.type(), p.code(), p.sid(), p.data()), name);
            for (int cut = 0; cut <= wire.length; cut++) {
                JimWire.Decoder decoder = new JimWire.Decoder();
                List<JimPacket> got = new ArrayList<>(decoder.feed(Arrays.copyOfRange(wire, 0, cut)));
                got.addAll(decoder.feed(Arrays.copyOfRange(wire, cut, wire.length)));
                assertEquals(List.of(p), got, name + " cut at " + cut);
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** Random fields; data biased towards bytes that are 0x55/0x04/0x05 once XORed with the key. */
    private static JimPacket randomPacket(Random random) {
        int key = random.nextInt(4) == 0 ? new int[] {0x55, 0x04, 0x05, 0xA5, 0xF0, 0xA1, 0xA0}[random.nextInt(7)]
                : random.nextInt(256);
        int k = key ^ 0xA5;
        byte[] data = new byte[random.nextInt(48)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) switch (random.nextInt(4)) {
                case 0 -> new int[] {0x55, 0x04, 0x05}[random.nextInt(3)] ^ k;
                case 1 -> new int[] {0x55, 0x04, 0x05}[random.nextInt(3)];
                default -> random.nextInt(256);
            };
        }
        int cmd = random.nextInt(3) == 0 ? (0x55 ^ k) & 0xFF : random.nextInt(256);
        int sid = random.nextInt(3) == 0 ? ((0x04 ^ k) << 8 | (0x05 ^ k)) & 0xFFFF : random.nextInt(0x10000);
        return new JimPacket(key, cmd, 1 + random.nextInt(3), random.nextInt(256) - 128, sid, data);
    }

    private static JimPacket single(byte[] wire) {
        JimWire.Decoder decoder = new JimWire.Decoder();
        List<JimPacket> packets = decoder.feed(wire);
        assertEquals(1, packets.size(), () -> HexFormat.ofDelimiter(" ").formatHex(wire));
        assertTrue(decoder.atBoundary());
        return packets.get(0);
    }

    private static int countEscapes(byte[] wire) {
        int n = 0;
        for (int i = 2; i < wire.length - 1; i++) {
            if (wire[i] == 0x05) {
                n++;
                i++;
            }
        }
        return n;
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
