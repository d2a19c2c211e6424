package io.chorus.web.protocol.b;

import static io.chorus.web.protocol.b.PacketEncoder.DLE;
import static io.chorus.web.protocol.b.PacketEncoder.ETX;
import static io.chorus.web.protocol.b.PacketEncoder.SEED;
import static io.chorus.web.protocol.b.PacketEncoder.STX;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reads the binary frames of one dialect B connection as one byte stream and returns the packets they
 * complete. A packet may span frames and a frame may hold several packets, so the decoder keeps the
 * partial packet between calls: one instance per connection, not thread-safe (a WebSocket container
 * delivers one connection's frames one at a time).
 *
 * <p>Stricter than the Go server, which skipped garbage and resynchronised on the next STX: here any
 * byte that breaks the framing throws a {@link FramingException} (SPEC §10), after which every call
 * throws again. The work per byte is constant and the buffer never grows past the limit, whatever the
 * input.
 */
public final class PacketStreamDecoder {
    private enum State { BETWEEN_PACKETS, AFTER_FIRST_STX, IN_BODY, AFTER_DLE, FAILED }

    private static final int INITIAL_CAPACITY = 256;

    private final int maxBodyBytes;
    private State state = State.BETWEEN_PACKETS;
    private byte[] body;
    private int length;
    private String failure;

    /**
     * @param maxBodyBytes the largest unescaped body accepted (header plus data), at least
     *                     {@link Packet#HEADER_LENGTH}
     */
    public PacketStreamDecoder(int maxBodyBytes) {
        if (maxBodyBytes < Packet.HEADER_LENGTH) {
            throw new IllegalArgumentException("maxBodyBytes must be at least " + Packet.HEADER_LENGTH);
        }
        this.maxBodyBytes = maxBodyBytes;
        this.body = new byte[Math.min(INITIAL_CAPACITY, maxBodyBytes)];
    }

    /** Feeds a whole chunk; see {@link #feed(ByteBuffer)}. */
    public List<Packet> feed(byte[] chunk) {
        return feed(ByteBuffer.wrap(chunk));
    }

    /**
     * Feeds the remaining bytes of {@code chunk}, consuming them all.
     *
     * @return every packet this chunk completed, in stream order; empty if none
     * @throws FramingException if the stream breaks the framing, now or in an earlier call
     */
    public List<Packet> feed(ByteBuffer chunk) {
        Objects.requireNonNull(chunk, "chunk");
        if (state == State.FAILED) {
            throw new FramingException("decoder already failed: " + failure, List.of());
        }
        List<Packet> completed = new ArrayList<>();
        while (chunk.hasRemaining()) {
            int b = chunk.get() & 0xFF;
            try {
                Packet packet = accept(b);
                if (packet != null) {
                    completed.add(packet);
                }
            } catch (Broken broken) {
                fail(broken.getMessage());
                throw new FramingException(broken.getMessage(), completed);
            }
        }
        return completed.isEmpty() ? List.of() : List.copyOf(completed);
    }

    /** Advances the state machine by one byte; returns the packet that byte completed, if any. */
    private Packet accept(int b) throws Broken {
        switch (state) {
            case BETWEEN_PACKETS -> state = expectStx(b, "byte outside a packet is not STX");
            case AFTER_FIRST_STX -> state = expectStx(b, "STX not followed by a second STX");
            case AFTER_DLE -> {
                if (b != STX && b != ETX && b != DLE) {
                    throw new Broken("DLE followed by a byte that needs no escape");
                }
                append(b);
                state = State.IN_BODY;
            }
            case IN_BODY -> {
                return acceptInBody(b);
            }
            default -> throw new IllegalStateException("unreachable: " + state);
        }
        return null;
    }

    private Packet acceptInBody(int b) throws Broken {
        switch (b) {
            case DLE -> state = State.AFTER_DLE;
            case ETX -> {
                state = State.BETWEEN_PACKETS;
                return completePacket();
            }
            case STX -> throw new Broken("unescaped STX inside a packet");
            default -> append(b);
        }
        return null;
    }

    private State expectStx(int b, String reason) throws Broken {
        if (b != STX) {
            throw new Broken(reason);
        }
        return state == State.BETWEEN_PACKETS ? State.AFTER_FIRST_STX : State.IN_BODY;
    }

    private void append(int b) throws Broken {
        if (length == maxBodyBytes) {
            throw new Broken("packet larger than " + maxBodyBytes + " bytes");
        }
        if (length == body.length) {
            body = Arrays.copyOf(body, (int) Math.min((long) body.length * 2, maxBodyBytes));
        }
        body[length++] = (byte) b;
    }

    private Packet completePacket() throws Broken {
        if (length < Packet.HEADER_LENGTH) {
            throw new Broken("packet shorter than its " + Packet.HEADER_LENGTH + "-byte header");
        }
        int key = body[0] & 0xFF;
        int xor = key ^ SEED;
        int typeId = (body[2] ^ xor) & 0xFF;
        PacketType type = PacketType.of(typeId).orElseThrow(() -> new Broken("unknown packet type " + typeId));
        byte[] data = new byte[length - Packet.HEADER_LENGTH];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (body[Packet.HEADER_LENGTH + i] ^ xor);
        }
        int cmd = (body[1] ^ xor) & 0xFF;
        int code = (byte) (body[3] ^ xor);
        int sid = ((body[4] ^ xor) & 0xFF) << 8 | ((body[5] ^ xor) & 0xFF);
        length = 0;
        if (body.length > INITIAL_CAPACITY) {
            body = new byte[INITIAL_CAPACITY]; // one large packet should not pin its buffer for the connection's life
        }
        return new Packet(key, cmd, type, code, sid, data);
    }

    private void fail(String reason) {
        state = State.FAILED;
        failure = reason;
        body = new byte[0];
        length = 0;
    }

    /** Internal signal carrying the reason; turned into a {@link FramingException} with the packets so far. */
    private static final class Broken extends Exception {
        private static final long serialVersionUID = 1L;

        Broken(String reason) {
            super(reason, null, false, false);
        }
    }
}
