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
    GET_MSG_BODYS(0x14),
    GET_USER_INFOS(0x20),
    CREATE_GROUP(0x50),
    REMOVE_GROUP(0x51),
    SET_GROUP(0x52),
    GET_GROUPS(0x53),
    GET_GIDS(0x54),
    ADD_GROUP_MEMBERS(0x55),
    REMOVE_GROUP_MEMBERS(0x56),
    SET_GROUP_MEMBER(0x57),
    GET_GROUPS_MEMBERS(0x58),
    GROUP_CHANGED_NOTIFICATION(0x59),
    GET_GROUP_CHANGED(0x5A),
    SET_MSG_PUSH(0x70),
    GET_MSG_PUSH(0x71),
    SET_IOS_DEVICE_STATUS(0x72),
    SET_ANDROID_DEVICE_STATUS(0x73),
    GET_ALL_ROSTER(0x80),
    GET_ROSTERS(0x81),
    SET_ROSTER(0x82),
    REMOVE_ROSTER(0x83),
    ROSTER_CHANGED_NOTIFICATION(0x84),
    GET_ROSTER_CHANGED(0x85),
    ROSTER_REQUEST(0x86),
    GET_ROSTER_REQUESTS(0x87),
    HANDLE_ROSTER_REQUEST(0x88),
    SET_IGNORE_ROSTER_REQUEST(0x89),
    HANDLE_ROSTER_REQUEST_NOTIFICATION(0x8A);

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
