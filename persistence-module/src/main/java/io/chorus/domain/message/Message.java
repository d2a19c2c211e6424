package io.chorus.domain.message;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One stored message, written once and read by every recipient device. */
@Entity
@Table(name = "message")
public class Message {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "message_seq")
    @SequenceGenerator(name = "message_seq", sequenceName = "message_seq", allocationSize = 50)
    private Long id;

    @Column(name = "conversation_id", nullable = false)
    private long conversationId;

    @Column(nullable = false)
    private long seq;

    @Column(name = "sender_id", nullable = false)
    private long senderId;

    @Column(name = "sender_device_id")
    private Long senderDeviceId;

    @Column(name = "wire_id", nullable = false, length = 64)
    private String wireId;

    @Column(nullable = false)
    private String payload;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "server_ts", nullable = false)
    private long serverTs;

    @Column(name = "revoked_at")
    private Long revokedAt;

    @Column(name = "edited_at")
    private Long editedAt;

    protected Message() {
    }

    public Message(long conversationId, long seq, long senderId, Long senderDeviceId, String wireId,
                   String payload, long createdAt, long serverTs) {
        this.conversationId = conversationId;
        this.seq = seq;
        this.senderId = senderId;
        this.senderDeviceId = senderDeviceId;
        this.wireId = wireId;
        this.payload = payload;
        this.createdAt = createdAt;
        this.serverTs = serverTs;
    }

    /** Replaces the content with the revoke stub; the message keeps its id and seq. */
    public void revoke(String stubPayload, long now) {
        this.payload = stubPayload;
        this.revokedAt = now;
    }

    /**
     * The author's edit: the payload becomes {@code newPayload} (the latest version, what every reader
     * sees); the one it replaces goes to the audit table first ({@link MessageRepository#recordEdit}).
     */
    public void edit(String newPayload, long now) {
        this.payload = newPayload;
        this.editedAt = now;
    }

    /** When the text was last edited; null for a message never edited. */
    public Long getEditedAt() {
        return editedAt;
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    public Long getId() {
        return id;
    }

    public long getConversationId() {
        return conversationId;
    }

    public long getSeq() {
        return seq;
    }

    public long getSenderId() {
        return senderId;
    }

    public Long getSenderDeviceId() {
        return senderDeviceId;
    }

    public String getWireId() {
        return wireId;
    }

    public String getPayload() {
        return payload;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public long getServerTs() {
        return serverTs;
    }
}
