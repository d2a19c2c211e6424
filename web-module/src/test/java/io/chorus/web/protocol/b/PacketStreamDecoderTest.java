package io.chorus.web.protocol.b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacketStreamDecoderTest {
    private static final int LIMIT = 1024;

    private final PacketEncoder encoder = new PacketEncoder();
    // msg_response.hex has a DLE at offset 4 (the TYPE byte XORs to 0x55), handy for split points.
    private final GoldenVectors.Vector escaped = GoldenVectors.read("msg_response.hex");

    @Test
    void packetSplitIntoThreeChunks_atEveryPairOfOffsets_decodesOnceAtTheLastChunk() {
        byte[] wire = escaped.wire();
        // The last chunk always holds at least the ETX; the first two may be empty.
        for (int first = 0; first < wire.length; first++) {
            for (int second = first; second < wire.length; second++) {
                List<byte[]> chunks = Chunks.cutAt(wire, first, second);
                PacketStreamDecoder decoder = new PacketStreamDecoder(LIMIT);
                assertEquals(List.of(), decoder.feed(chunks.get(0)));
                assertEquals(List.of(), decoder.feed(chunks.get(1)));
                assertEquals(List.of(escaped.packet()), decoder.feed(chunks.get(2)), first + "/" + second);
            }
        }
    }

    @Test
    void packetSplitBetweenTheTwoStxBytes_andBetweenDleAndTheEscapedByte_decodes() {
        byte[] wire = escaped.wire();
        assertEquals(0x05, wire[4] & 0xFF, "the vector should hold a DLE at offset 4");
        PacketStreamDecoder decoder = new PacketStreamDecoder(LIMIT);
        List<Packet> packets = Chunks.feedAll(decoder, Chunks.cutAt(wire, 1, 5));
        assertEquals(List.of(escaped.packet()), packets);
    }

    @Test
    void threePacketsInOneChunk_allDecodeInOrder() {
        Packet a = GoldenVectors.read("auth_request.hex").packet();
        Packet b = GoldenVectors.read("conflict_notification.hex").packet();
        Packet c = escaped.packet();
        byte[] chunk = Chunks.concat(encoder.encode(a), encoder.encode(b), encoder.encode(c));
        assertEquals(List.of(a, b, c), new PacketStreamDecoder(LIMIT).feed(chunk));
    }

    @Test
    void chunkEndingInsideASecondPacket_returnsTheFirstAndKeepsTheRest() {
        byte[] second = encoder.encode(escaped.packet());
        byte[] chunk = Chunks.concat(escaped.wire(), Arrays.copyOf(second, 10));
        PacketStreamDecoder decoder = new PacketStreamDecoder(LIMIT);
        assertEquals(List.of(escaped.packet()), decoder.feed(chunk));
        assertEquals(List.of(escaped.packet()),
                decoder.feed(Arrays.copyOfRange(second, 10, second.length)));
    }

    @Test
    void byteBufferChunk_isConsumedFromItsPosition() {
        byte[] wire = escaped.wire();
        ByteBuffer buffer = ByteBuffer.wrap(Chunks.concat(new byte[] {0x00, 0x00}, wire));
        buffer.position(2);
        assertEquals(List.of(escaped.packet()), new PacketStreamDecoder(LIMIT).feed(buffer));
        assertEquals(0, buffer.remaining());
    }

    @Test
    void emptyChunk_returnsNothing() {
        assertEquals(List.of(), new PacketStreamDecoder(LIMIT).feed(new byte[0]));
    }

    @Test
    void bodyExactlyAtTheLimit_decodes() {
        Packet packet = new Packet(0x3c, 0x10, PacketType.REQUEST, 0, 1, new byte[LIMIT - Packet.HEADER_LENGTH]);
        assertEquals(List.of(packet), new PacketStreamDecoder(LIMIT).feed(encoder.encode(packet)));
    }

    @Test
    void bodyOneByteOverTheLimit_throwsFramingException() {
        Packet packet = new Packet(0x3c, 0x10, PacketType.REQUEST, 0, 1, new byte[LIMIT - Packet.HEADER_LENGTH + 1]);
        FramingException e = assertThrows(FramingException.class,
                () -> new PacketStreamDecoder(LIMIT).feed(encoder.encode(packet)));
        assertTrue(e.getMessage().contains("larger than " + LIMIT), e.getMessage());
    }

    @Test
    void endlessBodyWithoutEtx_failsAtTheLimitInsteadOfBuffering() {
        PacketStreamDecoder decoder = new PacketStreamDecoder(LIMIT);
        decoder.feed(new byte[] {0x55, 0x55});
        byte[] filler = new byte[LIMIT]; // exactly the limit: still accepted, no ETX yet
        assertEquals(List.of(), decoder.feed(filler));
        assertThrows(FramingException.class, () -> decoder.feed(new byte[] {0x00}));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "byte outside a packet is not STX,        00",
            "ETX outside a packet,                    04",
            "garbage after a complete packet,         5555f24705555745632c75383e33756d607b753a3e3375 6d666767662a04 ff",
            "single STX followed by something else,   5501",
            "DLE followed by a byte that needs none,  55553c0541",
            "unescaped STX inside a packet,           55553c89559b",
            "empty body,                              555504",
            "body shorter than the header,            55553c899b998b04",
            "unknown packet type,                     55553c899f998bad04",
    })
    void framingGarbage_throwsFramingException(String reason, String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
        PacketStreamDecoder decoder = new PacketStreamDecoder(LIMIT);
        assertThrows(FramingException.class, () -> decoder.feed(bytes), reason);
    }

    @Test
    void afterAFramingException_everyFeedThrowsAgain() {
        PacketStreamDecoder decoder = new PacketStreamDecoder(LIMIT);
        assertThrows(FramingException.class, () -> decoder.feed(new byte[] {0x00}));
        FramingException again = assertThrows(FramingException.class, () -> decoder.feed(escaped.wire()));
        assertTrue(again.getMessage().startsWith("decoder already failed"), again.getMessage());
    }

    @Test
    void framingException_carriesThePacketsTheChunkCompletedBeforeTheGarbage() {
        byte[] chunk = Chunks.concat(escaped.wire(), escaped.wire(), new byte[] {0x01});
        FramingException e = assertThrows(FramingException.class, () -> new PacketStreamDecoder(LIMIT).feed(chunk));
        assertEquals(List.of(escaped.packet(), escaped.packet()), e.completedBefore());
    }

    @Test
    void framingException_doesNotQuoteTheOffendingBytes() {
        byte[] secret = "{\"p\":\"hunter2\"}".getBytes(StandardCharsets.UTF_8);
        byte[] tooLarge = encoder.encode(new Packet(0xA5, 1, PacketType.REQUEST, 0, 1, secret));
        FramingException e = assertThrows(FramingException.class, () -> new PacketStreamDecoder(8).feed(tooLarge));
        assertTrue(!e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void limitBelowTheHeaderLength_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PacketStreamDecoder(Packet.HEADER_LENGTH - 1));
    }
}
