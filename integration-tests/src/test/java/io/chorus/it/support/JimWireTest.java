package io.chorus.it.support;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chorus.it.support.JimWire.JimPacket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The tests' own JIM framing against the golden vectors of the server's codec: two implementations,
 * written apart, agree byte for byte.
 */
class JimWireTest {
    private static final Path GOLDEN = Path.of("..", "web-module", "src", "test", "resources", "golden", "b");

    @Test
    void everyGoldenVector_decodesAndEncodesBackToTheSameBytes() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(GOLDEN)) {
            files = listing.filter(p -> p.toString().endsWith(".hex")).sorted().toList();
        }
        assertEquals(6, files.size(), "the golden vectors");
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            byte[] wire = HexFormat.of().parseHex(String.join("", lines.subList(1, lines.size())).replace(" ", ""));
            List<JimPacket> packets = new JimWire.Decoder().feed(wire);
            assertEquals(1, packets.size(), file.toString());
            JimPacket p = packets.get(0);
            assertArrayEquals(wire, JimWire.encode(p.key(), p.cmd(), p.type(), p.code(), p.sid(), p.data()), file.toString());
            assertEquals(String.format("# key=0x%02x cmd=0x%02x type=%d code=%d sid=0x%04x data=", p.key(), p.cmd(), p.type(),
                    p.code(), p.sid()) + new String(p.data(), java.nio.charset.StandardCharsets.UTF_8), lines.get(0), file.toString());
        }
    }

    @Test
    void randomPackets_roundTrip_whateverTheChunking() {
        Random random = new Random(6);
        for (int n = 0; n < 2000; n++) {
            byte[] data = new byte[random.nextInt(40)];
            // Biased towards the bytes that need escaping once XORed.
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (random.nextBoolean() ? random.nextInt(256) : 0x50 + random.nextInt(8));
            }
            int key = random.nextInt(256);
            int sid = random.nextInt(0x10000);
            byte[] wire = JimWire.encode(key, 0x10, 1 + random.nextInt(3), 0, sid, data);
            JimWire.Decoder decoder = new JimWire.Decoder();
            List<JimPacket> got = new ArrayList<>();
            int at = 0;
            while (at < wire.length) {
                int end = Math.min(wire.length, at + 1 + random.nextInt(5));
                got.addAll(decoder.feed(java.util.Arrays.copyOfRange(wire, at, end)));
                at = end;
            }
            assertEquals(1, got.size());
            assertEquals(key, got.get(0).key());
            assertEquals(sid, got.get(0).sid());
            assertArrayEquals(data, got.get(0).data());
        }
    }
}
