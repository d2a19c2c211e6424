package io.chorus.web.protocol.b;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One JIM packet with its body unescaped and decrypted: {@code KEY CMD TYPE CODE SID DATA} (SPEC §6).
 *
 * <p>Immutable: {@code data} is copied in and out. {@link #toString()} prints the data's length, never
 * its bytes, because the data is a message body, a password or a token (STYLE: log ids and counts).
 *
 * @param key  the per-packet XOR key, 0..255, sent in the clear
 * @param cmd  the CMD byte, 0..255; unknown values are kept (see {@link #command()})
 * @param type Request, Response or Error
 * @param code the CODE byte as the Go server's {@code int8}, -128..127; Chorus always sends 0
 * @param sid  the session id chosen by the requester and echoed by the response, 0..65535
 * @param data the JSON data as UTF-8 bytes, possibly empty
 */
public record Packet(int key, int cmd, PacketType type, int code, int sid, byte[] data) {
    /** KEY, CMD, TYPE, CODE and the two SID bytes. */
    public static final int HEADER_LENGTH = 6;

    public Packet {
        checkRange("key", key, 0, 0xFF);
        checkRange("cmd", cmd, 0, 0xFF);
        Objects.requireNonNull(type, "type");
        checkRange("code", code, Byte.MIN_VALUE, Byte.MAX_VALUE);
        checkRange("sid", sid, 0, 0xFFFF);
        data = data.clone();
    }

    /** The JSON data as UTF-8 bytes; a copy, so callers cannot change this packet. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The length of {@link #data()} without copying it. */
    public int dataLength() {
        return data.length;
    }

    /** The known command this packet carries, or empty if its CMD byte is not one Chorus implements. */
    public Optional<Command> command() {
        return Command.of(cmd);
    }

    /** Length of the unescaped body: header plus data. */
    int bodyLength() {
        return HEADER_LENGTH + data.length;
    }

    /** The data byte at {@code index}, for the encoder, without a copy. */
    byte dataByte(int index) {
        return data[index];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Packet that
                && key == that.key
                && cmd == that.cmd
                && type == that.type
                && code == that.code
                && sid == that.sid
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, cmd, type, code, sid, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        String command = command().map(Command::name).orElse("UNKNOWN");
        return String.format("Packet[key=0x%02x, cmd=0x%02x %s, type=%s, code=%d, sid=0x%04x, data=%d bytes]",
                key, cmd, command, type, code, sid, data.length);
    }

    private static void checkRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in " + min + ".." + max + ", was " + value);
        }
    }
}
