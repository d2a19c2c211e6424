package io.chorus.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * JIM framing for the tests, written apart from the server's codec (nothing here comes from the
 * web-module) so that each checks the other.
 *
 * <ul>
 *   <li>Frame: {@code 55 55 <escaped body> 04}; inside the body every byte equal to 0x55, 0x04 or
 *       0x05 is preceded by DLE 0x05.</li>
 *   <li>Body: {@code KEY(1) CMD(1) TYPE(1) CODE(1) SID(2, big-endian) DATA(JSON, UTF-8)}; every byte
 *       after KEY is XORed with {@code KEY ^ 0xA5}; escaping is applied after the XOR.</li>
 * </ul>
 */
public final class JimWire {
    public static final int STX = 0x55;
    public static final int ETX = 0x04;
    public static final int DLE = 0x05;
    public static final int SEED = 0xA5;
    public static final int HEADER_SIZE = 6;
    public static final int MAX_DATA = 0xFFFFFF;

    public static final int AUTH = 0x01;
    public static final int CONFLICT_NOTIFICATION = 0x02;
    public static final int SIGN_OUT = 0x03;
    public static final int MSG = 0x10;
    public static final int GET_MSG = 0x11;
    public static final int GET_RECENT_CONTACT = 0x12;
    public static final int GET_MSG_HISTORY = 0x13;
    public static final int GET_MSG_BODYS = 0x14;
    public static final int GET_USER_INFOS = 0x20;
    public static final int CREATE_GROUP = 0x50;
    public static final int REMOVE_GROUP = 0x51;
    public static final int SET_GROUP = 0x52;
    public static final int GET_GROUPS = 0x53;
    public static final int GET_GIDS = 0x54;
    public static final int ADD_GROUP_MEMBERS = 0x55;
    public static final int REMOVE_GROUP_MEMBERS = 0x56;
    public static final int SET_GROUP_MEMBER = 0x57;
    public static final int GET_GROUPS_MEMBERS = 0x58;
    public static final int GROUP_CHANGED_NOTIFICATION = 0x59;
    public static final int GET_GROUP_CHANGED = 0x5A;
    public static final int SET_MSG_PUSH = 0x70;
    public static final int GET_MSG_PUSH = 0x71;
    public static final int GET_ALL_ROSTER = 0x80;
    public static final int GET_ROSTERS = 0x81;
    public static final int SET_ROSTER = 0x82;
    public static final int REMOVE_ROSTER = 0x83;
    public static final int ROSTER_CHANGED_NOTIFICATION = 0x84;
    public static final int GET_ROSTER_CHANGED = 0x85;
    public static final int ROSTER_REQUEST = 0x86;
    public static final int GET_ROSTER_REQUESTS = 0x87;
    public static final int HANDLE_ROSTER_REQUEST = 0x88;
    public static final int SET_IGNORE_ROSTER_REQUEST = 0x89;
    public static final int HANDLE_ROSTER_REQUEST_NOTIFICATION = 0x8A;

    public static final int NONE = 0;
    public static final int REQUEST = 1;
    public static final int RESPONSE = 2;
    public static final int ERROR = 3;

    private JimWire() {
    }

    /**
     * One packet as the tests see it. {@code code} is the signed int8 of the wire byte (the server
     * always sends 0); {@code data} is the plain (un-XORed) JSON bytes, empty when there are none.
     */
    public record JimPacket(int key, int cmd, int type, int code, int sid, byte[] data) {
        public JimPacket {
            data = data == null ? new byte[0] : data;
        }

        /** The data as a JSON object, or null when there is none. */
        public JsonObject json() {
            if (data.length == 0) {
                return null;
            }
            try (var reader = Json.createReader(new StringReader(text()))) {
                return reader.readObject();
            } catch (RuntimeException notAnObject) {
                throw new AssertionError("the data of " + this + " is not a JSON object: " + notAnObject, notAnObject);
            }
        }

        /** The data as UTF-8 text ("" when there is none). */
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }

        /** This packet on the wire, with its own key. */
        public byte[] encode() {
            return JimWire.encode(key, cmd, type, code, sid, data);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof JimPacket p && key == p.key && cmd == p.cmd && type == p.type && code == p.code
                    && sid == p.sid && Arrays.equals(data, p.data);
        }

        @Override
        public int hashCode() {
            return ((((key * 31 + cmd) * 31 + type) * 31 + code) * 31 + sid) * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return String.format("JimPacket[key=0x%02x, cmd=0x%02x, type=%d, code=%d, sid=%d, data=%s]", key, cmd, type, code,
                    sid, text());
        }
    }

    /**
     * The wire bytes of one packet. {@code key}, {@code cmd} and {@code type} are bytes (0..255),
     * {@code code} an int8 (-128..255, sent as its low byte), {@code sid} 0..0xFFFF; {@code data} may
     * be null (no data). The data size is not capped here, so tests can send oversized packets.
     */
    public static byte[] encode(int key, int cmd, int type, int code, int sid, byte[] data) {
        requireRange("key", key, 0, 0xFF);
        requireRange("cmd", cmd, 0, 0xFF);
        requireRange("type", type, 0, 0xFF);
        requireRange("code", code, -128, 0xFF);
        requireRange("sid", sid, 0, 0xFFFF);
        byte[] plain = data == null ? new byte[0] : data;
        int k = key ^ SEED;
        ByteArrayOutputStream out = new ByteArrayOutputStream(2 * (HEADER_SIZE + plain.length) + 3);
        out.write(STX);
        out.write(STX);
        putEscaped(out, key);
        putEscaped(out, cmd ^ k);
        putEscaped(out, type ^ k);
        putEscaped(out, (code & 0xFF) ^ k);
        putEscaped(out, (sid >>> 8) ^ k);
        putEscaped(out, (sid & 0xFF) ^ k);
        for (byte b : plain) {
            putEscaped(out, (b & 0xFF) ^ k);
        }
        out.write(ETX);
        return out.toByteArray();
    }

    private static void requireRange(String what, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " out of range: " + value);
        }
    }

    private static void putEscaped(ByteArrayOutputStream out, int b) {
        if (b == STX || b == ETX || b == DLE) {
            out.write(DLE);
        }
        out.write(b);
    }

    /**
     * Fed chunks of one byte stream, in order, returns the packets each chunk completes. Anything
     * that is not JIM framing (a first byte other than 0x55, a second STX missing, an unescaped 0x55
     * in a body, DLE before a byte that needs no escaping, a body shorter than the header or with
     * more than {@link #MAX_DATA} data bytes) throws {@link IllegalStateException}; the decoder is
     * spent after that and every later {@link #feed} throws too.
     */
    public static final class Decoder {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int stxSeen;
        private boolean escaped;
        private long offset;
        private String failure;

        public List<JimPacket> feed(byte[] chunk) {
            return feed(chunk, 0, chunk.length);
        }

        public List<JimPacket> feed(byte[] chunk, int from, int to) {
            if (failure != null) {
                throw new IllegalStateException("decoder already failed: " + failure);
            }
            List<JimPacket> packets = new ArrayList<>();
            for (int i = from; i < to; i++, offset++) {
                int b = chunk[i] & 0xFF;
                if (stxSeen < 2) {
                    if (b != STX) {
                        fail(String.format("expected STX 0x55, got 0x%02x", b));
                    }
                    stxSeen++;
                } else if (escaped) {
                    if (b != STX && b != ETX && b != DLE) {
                        fail(String.format("DLE before 0x%02x, which needs no escaping", b));
                    }
                    body.write(b);
                    escaped = false;
                } else if (b == DLE) {
                    escaped = true;
                } else if (b == ETX) {
                    packets.add(packet(body.toByteArray()));
                    body.reset();
                    stxSeen = 0;
                } else if (b == STX) {
                    fail("unescaped 0x55 inside a body");
                } else {
                    body.write(b);
                }
                if (body.size() > HEADER_SIZE + MAX_DATA) {
                    fail("body longer than the header plus 0xFFFFFF data bytes");
                }
            }
            return packets;
        }

        /** True between packets: no partial packet is held. */
        public boolean atBoundary() {
            return stxSeen == 0 && failure == null;
        }

        private JimPacket packet(byte[] raw) {
            if (raw.length < HEADER_SIZE) {
                fail("body of " + raw.length + " bytes, shorter than the 6-byte header");
            }
            int key = raw[0] & 0xFF;
            int k = key ^ SEED;
            byte[] data = new byte[raw.length - HEADER_SIZE];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) ((raw[HEADER_SIZE + i] & 0xFF) ^ k);
            }
            int cmd = (raw[1] & 0xFF) ^ k;
            int type = (raw[2] & 0xFF) ^ k;
            int code = (byte) ((raw[3] & 0xFF) ^ k);
            int sid = ((raw[4] & 0xFF) ^ k) << 8 | ((raw[5] & 0xFF) ^ k);
            return new JimPacket(key, cmd, type, code, sid, data);
        }

        private void fail(String why) {
            failure = why + " (stream offset " + offset + ")";
            body.reset();
            throw new IllegalStateException(failure);
        }
    }
}
