package io.chorus.app.message;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Message ids in the format dialect A uses (the Erlang server's XID: 20 characters of base32hex over
 * 4 bytes of epoch seconds, 3 of machine, 2 of process, 3 of counter), for the messages whose sender
 * gave no lasting id of its own: a JIM client's {@code id} is a temporary one that may repeat.
 * Time-ordered as strings, unique without coordination between nodes.
 */
public final class Xids {
    private static final char[] BASE32HEX = "0123456789abcdefghijklmnopqrstuv".toCharArray();
    private static final int LENGTH = 20;
    private static final SecureRandom RANDOM = new SecureRandom();
    // A random "machine" part: node names are not unique enough to hash, and restarts get a new one.
    private static final byte[] MACHINE = machine();
    private static final int PROCESS = (int) (ProcessHandle.current().pid() & 0xFFFF);
    private static final AtomicInteger COUNTER = new AtomicInteger(RANDOM.nextInt());

    private Xids() {
    }

    public static String next() {
        return encode(Instant.now().getEpochSecond(), COUNTER.getAndIncrement());
    }

    static String encode(long epochSeconds, int counter) {
        byte[] raw = {
            (byte) (epochSeconds >>> 24), (byte) (epochSeconds >>> 16), (byte) (epochSeconds >>> 8), (byte) epochSeconds,
            MACHINE[0], MACHINE[1], MACHINE[2],
            (byte) (PROCESS >>> 8), (byte) PROCESS,
            (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter,
        };
        char[] out = new char[LENGTH];
        int buffer = 0;
        int bits = 0;
        int next = 0;
        for (byte b : raw) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                out[next++] = BASE32HEX[(buffer >>> (bits - 5)) & 0x1F];
                bits -= 5;
            }
        }
        // 96 bits make 19 full characters; the last takes the 1 bit left, padded with zeros.
        out[next] = BASE32HEX[(buffer << (5 - bits)) & 0x1F];
        return new String(out);
    }

    private static byte[] machine() {
        byte[] machine = new byte[3];
        RANDOM.nextBytes(machine);
        return machine;
    }
}
