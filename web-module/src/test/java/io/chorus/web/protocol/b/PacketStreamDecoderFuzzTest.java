package io.chorus.web.protocol.b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Fixed-seed fuzzing: random bytes never escape as anything but FramingException; valid streams round-trip. */
class PacketStreamDecoderFuzzTest {
    private static final long SEED = 20261123L;
    private static final int RUNS = 10_000;
    private static final byte[] SPECIAL = {0x55, 0x04, 0x05};

    private final PacketEncoder encoder = new PacketEncoder();

    @Test
    void randomInputInRandomChunks_onlyEverThrowsFramingException() {
        Random random = new Random(SEED);
        int failed = 0;
        int decoded = 0;
        for (int run = 0; run < RUNS; run++) {
            byte[] input = garbage(random, run % 3);
            int limit = Packet.HEADER_LENGTH + random.nextInt(512);
            PacketStreamDecoder decoder = new PacketStreamDecoder(limit);
            try {
                for (byte[] chunk : Chunks.random(input, random, 64)) {
                    for (Packet packet : decoder.feed(chunk)) {
                        assertTrue(packet.dataLength() + Packet.HEADER_LENGTH <= limit, "run " + run);
                        decoded++;
                    }
                }
            } catch (FramingException expected) {
                failed++;
                assertThrows(FramingException.class, () -> decoder.feed(new byte[] {0x55}), "run " + run);
            } catch (RuntimeException | Error unexpected) {
                fail("run " + run + " threw " + unexpected, unexpected);
            }
        }
        // The generators must reach both outcomes, or the fuzzing proves little.
        assertTrue(failed > RUNS / 2, "failed " + failed);
        assertTrue(decoded > 1000, "decoded " + decoded);
    }

    @Test
    void randomValidPacketsInRandomChunks_decodeBackEqual() {
        Random random = new Random(SEED);
        int total = 0;
        while (total < RUNS) {
            List<Packet> sent = new ArrayList<>();
            List<byte[]> frames = new ArrayList<>();
            for (int i = 1 + random.nextInt(20); i > 0; i--) {
                Packet packet = randomPacket(random);
                sent.add(packet);
                frames.add(encoder.encode(packet));
            }
            byte[] stream = Chunks.concat(frames.toArray(byte[][]::new));
            PacketStreamDecoder decoder = new PacketStreamDecoder(Packet.HEADER_LENGTH + 300);
            List<Packet> received = new ArrayList<>();
            for (byte[] chunk : Chunks.random(stream, random, 1 + random.nextInt(200))) {
                // Alternate the two entry points; the buffer one from a non-zero position.
                received.addAll(random.nextBoolean() ? decoder.feed(chunk) : decoder.feed(offsetBuffer(chunk)));
            }
            assertEquals(sent, received, "after " + total + " packets");
            total += sent.size();
        }
    }

    /** Mode 0: uniform bytes. Mode 1: bytes biased to STX/ETX/DLE. Mode 2: a valid stream with mutations. */
    private byte[] garbage(Random random, int mode) {
        int length = random.nextInt(4097);
        return switch (mode) {
            case 0 -> uniform(random, length);
            case 1 -> biased(random, length);
            default -> mutated(random, length);
        };
    }

    private static byte[] uniform(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] biased(Random random, int length) {
        byte[] bytes = uniform(random, length);
        for (int i = 0; i < length; i++) {
            if (random.nextInt(3) == 0) {
                bytes[i] = SPECIAL[random.nextInt(SPECIAL.length)];
            }
        }
        if (length >= 2 && random.nextBoolean()) {
            bytes[0] = 0x55;
            bytes[1] = 0x55;
        }
        return bytes;
    }

    private byte[] mutated(Random random, int length) {
        List<byte[]> frames = new ArrayList<>();
        int size = 0;
        while (size < length) {
            byte[] frame = encoder.encode(randomPacket(random));
            frames.add(frame);
            size += frame.length;
        }
        byte[] bytes = Arrays.copyOf(Chunks.concat(frames.toArray(byte[][]::new)), length);
        // Most runs keep the stream intact; the rest flip one to three bytes somewhere.
        if (random.nextInt(4) == 0) {
            return bytes;
        }
        for (int flips = 1 + random.nextInt(3); flips > 0 && bytes.length > 0; flips--) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static Packet randomPacket(Random random) {
        PacketType[] types = PacketType.values();
        byte[] data = random.nextInt(4) == 0 ? biased(random, random.nextInt(301)) : uniform(random, random.nextInt(301));
        return new Packet(random.nextInt(256), random.nextInt(256), types[random.nextInt(types.length)],
                random.nextInt(256) - 128, random.nextInt(0x10000), data);
    }

    private static ByteBuffer offsetBuffer(byte[] chunk) {
        ByteBuffer buffer = ByteBuffer.allocate(chunk.length + 3);
        buffer.position(3);
        buffer.put(chunk);
        buffer.position(3);
        return buffer;
    }
}
