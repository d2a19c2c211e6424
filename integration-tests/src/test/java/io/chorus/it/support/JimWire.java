package io.chorus.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * JIM framing for the tests, written apart from the server's codec so that each checks the other:
 * {@code 55 55 <escaped body> 04}, body {@code KEY CMD TYPE CODE SID(2) DATA} with every byte after KEY
 * XORed with {@code KEY ^ 0xA5}, escaping (DLE 05 before 55, 04, 05) after the XOR.
 */
public final class JimWire {
    public static final int AUTH = 0x01;
    public static final int CONFLICT_NOTIFICATION = 0x02;
    public static final int SIGN_OUT = 0x03;
    public static final int MSG = 0x10;
    public static final int GET_MSG = 0x11;
    public static final int GET_RECENT_CONTACT = 0x12;
    public static final int GET_MSG_HISTORY = 0x13;
    public static final int GET_MSG_BODYS = 0x14;

    public static final int REQUEST = 1;
    public static final int RESPONSE = 2;
    public static final int ERROR = 3;

    private JimWire() {
    }

    /** One packet as the tests see it. */
    public record JimPacket(int key, int cmd, int type, int code, int sid, byte[] data) {
        /** The data as a JSON object, or null when there is none. */
        public JsonObject json() {
            if (data.length == 0) {
                return null;
            }
            try (var reader = Json.createReader(new StringReader(new String(data, StandardCharsets.UTF_8)))) {
                return reader.readObject();
            }
        }

        @Override
        public String toString() {
            return "JimPacket[cmd=0x" + Integer.toHexString(cmd) + ", type=" + type + ", sid=" + sid + ", data="
                    + new String(data, StandardCharsets.UTF_8) + "]";
        }
    }

    public static byte[] encode(int key, int cmd, int type, int code, int sid, byte[] data) {
        int k = key ^ 0xA5;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x55);
        out.write(0x55);
        putEscaped(out, key);
        for (int b : new int[] {cmd, type, code & 0xFF, sid >>> 8 & 0xFF, sid & 0xFF}) {
            putEscaped(out, b ^ k);
        }
        for (byte b : data) {
            putEscaped(out, (b & 0xFF) ^ k);
        }
        out.write(0x04);
        return out.toByteArray();
    }

    private static void putEscaped(ByteArrayOutputStream out, int b) {
        if (b == 0x55 || b == 0x04 || b == 0x05) {
            out.write(0x05);
        }
        out.write(b);
    }

    /** Fed chunks of the byte stream, returns the packets they complete. */
    public static final class Decoder {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int stxSeen;
        private boolean escaped;

        public List<JimPacket> feed(byte[] chunk) {
            List<JimPacket> packets = new ArrayList<>();
            for (byte raw : chunk) {
                int b = raw & 0xFF;
                if (stxSeen < 2) {
                    if (b != 0x55) {
                        throw new IllegalStateException("expected STX, got 0x" + Integer.toHexString(b));
                    }
                    stxSeen++;
                } else if (escaped) {
                    body.write(b);
                    escaped = false;
                } else if (b == 0x05) {
                    escaped = true;
                } else if (b == 0x04) {
                    packets.add(packet(body.toByteArray()));
                    body.reset();
                    stxSeen = 0;
                } else {
                    body.write(b);
                }
            }
            return packets;
        }

        private static JimPacket packet(byte[] body) {
            if (body.length < 6) {
                throw new IllegalStateException("body shorter than the header");
            }
            int key = body[0] & 0xFF;
            int k = key ^ 0xA5;
            byte[] data = new byte[body.length - 6];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (body[6 + i] ^ k);
            }
            return new JimPacket(key, (body[1] ^ k) & 0xFF, (body[2] ^ k) & 0xFF, (byte) (body[3] ^ k),
                    ((body[4] ^ k) & 0xFF) << 8 | ((body[5] ^ k) & 0xFF), data);
        }
    }
}
