package io.chorus.web.protocol.a;

/**
 * The two kinds of conversation dialect A carries: one-to-one ({@code C2C}) and group ({@code C2G}).
 * Each kind names its own frames, so the wire names live here rather than being glued together.
 */
public enum ChatType {
    C2C("C2C", "C2C_SERVER_ACK", "C2C_REVOKE", "C2C_REVOKE_ACK", "C2C_EDIT_ACK"),
    C2G("C2G", "C2G_SERVER_ACK", "C2G_REVOKE", "C2G_REVOKE_ACK", "C2G_EDIT_ACK");

    private final String messageType;
    private final String serverAckType;
    private final String revokeType;
    private final String revokeAckType;
    private final String editAckType;

    ChatType(String messageType, String serverAckType, String revokeType, String revokeAckType, String editAckType) {
        this.messageType = messageType;
        this.serverAckType = serverAckType;
        this.revokeType = revokeType;
        this.revokeAckType = revokeAckType;
        this.editAckType = editAckType;
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
}
