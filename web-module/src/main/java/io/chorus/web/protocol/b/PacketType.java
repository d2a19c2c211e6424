package io.chorus.web.protocol.b;

import java.util.Optional;

/** The TYPE byte of a JIM packet. The Go server's {@code Pkt_Type_None} (0) never travels, so it is not here. */
public enum PacketType {
    REQUEST(1),
    RESPONSE(2),
    ERROR(3);

    private final int id;

    PacketType(int id) {
        this.id = id;
    }

    /** The byte on the wire. */
    public int id() {
        return id;
    }

    /** The type whose wire byte is {@code id}, or empty for any other value. */
    public static Optional<PacketType> of(int id) {
        for (PacketType type : values()) {
            if (type.id == id) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
