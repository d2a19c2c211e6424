package io.chorus.web.protocol.b;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Helpers to cut a byte stream into chunks and feed them to a decoder. */
final class Chunks {
    private Chunks() {
    }

    /** Cuts {@code bytes} at the given ascending offsets. */
    static List<byte[]> cutAt(byte[] bytes, int... offsets) {
        List<byte[]> chunks = new ArrayList<>();
        int from = 0;
        for (int offset : offsets) {
            chunks.add(Arrays.copyOfRange(bytes, from, offset));
            from = offset;
        }
        chunks.add(Arrays.copyOfRange(bytes, from, bytes.length));
        return chunks;
    }

    /** Cuts {@code bytes} into random chunks of 0..maxChunk bytes (empty chunks included on purpose). */
    static List<byte[]> random(byte[] bytes, Random random, int maxChunk) {
        List<byte[]> chunks = new ArrayList<>();
        int from = 0;
        while (from < bytes.length) {
            int to = Math.min(bytes.length, from + random.nextInt(maxChunk + 1));
            chunks.add(Arrays.copyOfRange(bytes, from, to));
            from = to;
        }
        return chunks;
    }

    /** Feeds every chunk in order and collects what the decoder returns. */
    static List<Packet> feedAll(PacketStreamDecoder decoder, List<byte[]> chunks) {
        List<Packet> packets = new ArrayList<>();
        for (byte[] chunk : chunks) {
            packets.addAll(decoder.feed(chunk));
        }
        return packets;
    }

    static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
