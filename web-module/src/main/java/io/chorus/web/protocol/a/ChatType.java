package io.chorus.web.protocol.a;

/**
 * The two kinds of conversation dialect A carries: one-to-one ({@code C2C}) and group ({@code C2G}).
 * Each kind names its own frames, so the wire names live here rather than being glued together.
 */
public enum ChatType {
    C2C("C2C", "C2C_SERVER_ACK", "C2C_REVOKE", "C2C_REVOKE_ACK", "C2C_EDIT_ACK", "C2C_READ", "C2C_TYPING"),
    C2G("C2G", "C2G_SERVER_ACK", "C2G_REVOKE", "C2G_REVOKE_ACK", "C2G_EDIT_ACK", "C2G_READ", "C2G_TYPING");

    /** Only one-to-one messages have delivered receipts (a group's would be a push per member per message). */
    public static final String DELIVERED_TYPE = "C2C_DELIVERED";

    private final String messageType;
    private final String serverAckType;
    private final String revokeType;
    private final String revokeAckType;
    private final String editAckType;
    private final String readType;
    private final String typingType;

    ChatType(String messageType, String serverAckType, String revokeType, String revokeAckType, String editAckType,
             String readType, String typingType) {
        this.messageType = messageType;
        this.serverAckType = serverAckType;
        this.revokeType = revokeType;
        this.revokeAckType = revokeAckType;
        this.editAckType = editAckType;
        this.readType = readType;
        this.typingType = typingType;
    }

    public String messageType() {
        return messageType;
    }

    public String serverAckType() {
        return serverAckType;
    }

    public String revokeType() {
        return revokeType;
    }

    public String revokeAckType() {
        return revokeAckType;
    }

    public String editAckType() {
        return editAckType;
    }

    public String readType() {
        return readType;
    }

    public String typingType() {
        return typingType;
    }
}
