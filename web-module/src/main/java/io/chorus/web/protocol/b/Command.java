package io.chorus.web.protocol.b;

import java.util.Optional;

/**
 * The CMD bytes Chorus implements (ids from the Go server's {@code cmdhandler.go}, REFERENCE §2.3).
 * A packet keeps its CMD as a plain int, so a command that is not listed here still decodes and the
 * session can answer it with an Error packet.
 */
public enum Command {
    AUTH(0x01),
    CONFLICT_NOTIFICATION(0x02),
    SIGN_OUT(0x03),
    MSG(0x10),
    GET_MSG(0x11),
    GET_RECENT_CONTACT(0x12),
    GET_MSG_HISTORY(0x13),
    GET_MSG_BODYS(0x14);

    private static final Command[] BY_ID = new Command[256];

    static {
        for (Command command : values()) {
            BY_ID[command.id] = command;
        }
    }

    private final int id;

    Command(int id) {
        this.id = id;
    }

    /** The CMD byte on the wire. */
    public int id() {
        return id;
    }

    /** The command whose CMD byte is {@code id}, or empty for an unknown or out-of-range value. */
    public static Optional<Command> of(int id) {
        return id >= 0 && id < BY_ID.length ? Optional.ofNullable(BY_ID[id]) : Optional.empty();
    }
}
