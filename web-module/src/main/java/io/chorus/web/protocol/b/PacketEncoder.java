package io.chorus.web.protocol.b;

/**
 * Turns a {@link Packet} into the bytes of one binary frame: {@code STX STX <escaped body> ETX}, where
 * every body byte after KEY is XORed with {@code KEY ^ 0xA5} and escaping is applied after the XOR
 * (SPEC §6). Stateless and thread-safe.
 *
 * <p>The caller picks the KEY: the session draws a random one per packet, as the Go server does;
 * tests use fixed keys so the output is reproducible.
 */
public final class PacketEncoder {
    static final int STX = 0x55;
    static final int ETX = 0x04;
    static final int DLE = 0x05;
    /** The Go server's {@code Pkt_Encrypt_Seed}; the doc calls it the pre-agreed secret. */
    static final int SEED = 0xA5;

    public byte[] encode(Packet packet) {
        byte[] body = body(packet);
        byte[] frame = new byte[2 + body.length + escapesIn(body) + 1];
        int at = 0;
        frame[at++] = (byte) STX;
        frame[at++] = (byte) STX;
        for (byte b : body) {
            if (needsEscape(b)) {
                frame[at++] = (byte) DLE;
            }
            frame[at++] = b;
        }
        frame[at] = (byte) ETX;
        return frame;
    }

    /** The unescaped, XORed body: {@code KEY CMD TYPE CODE SID_HI SID_LO DATA}. */
    private static byte[] body(Packet packet) {
        byte[] body = new byte[packet.bodyLength()];
        int xor = packet.key() ^ SEED;
        body[0] = (byte) packet.key();
        body[1] = (byte) (packet.cmd() ^ xor);
        body[2] = (byte) (packet.type().id() ^ xor);
        body[3] = (byte) (packet.code() ^ xor);
        body[4] = (byte) ((packet.sid() >>> 8) ^ xor);
        body[5] = (byte) (packet.sid() ^ xor);
        for (int i = 0; i < packet.dataLength(); i++) {
            body[Packet.HEADER_LENGTH + i] = (byte) (packet.dataByte(i) ^ xor);
        }
        return body;
    }

    private static int escapesIn(byte[] body) {
        int count = 0;
        for (byte b : body) {
            if (needsEscape(b)) {
                count++;
            }
        }
        return count;
    }

    static boolean needsEscape(byte b) {
        int unsigned = b & 0xFF;
        return unsigned == STX || unsigned == ETX || unsigned == DLE;
    }
}
