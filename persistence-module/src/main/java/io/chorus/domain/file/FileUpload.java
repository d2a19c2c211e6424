package io.chorus.domain.file;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A resumable upload in progress (or done, then {@code fileId} names the file it became). */
@Entity
@Table(name = "file_upload")
public class FileUpload {
    @Id
    @Column(length = 32)
    private String id;

    @Column(name = "owner_id", nullable = false)
    private long ownerId;

    @Column(name = "conv_kind", nullable = false, length = 3)
    private String conversationKind;

    @Column(name = "peer_id")
    private Long peerId;

    @Column(name = "group_id")
    private Long groupId;

    @Column(nullable = false, length = 255)
    private String name;

    @Column(nullable = false)
    private long length;

    @Column(nullable = false)
    private long received;

    @Column(name = "file_id", length = 32)
    private String fileId;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    protected FileUpload() {
    }

    public FileUpload(String id, long ownerId, boolean group, long target, String name, long length, long createdAt) {
        this.id = id;
        this.ownerId = ownerId;
        this.conversationKind = group ? Attachment.GROUP : Attachment.DIRECT;
        this.peerId = group ? null : target;
        this.groupId = group ? target : null;
        this.name = name;
        this.length = length;
        this.createdAt = createdAt;
    }

    public void received(long bytes) {
        this.received += bytes;
    }

    public void completedAs(String fileId) {
        this.fileId = fileId;
    }

    public String getId() {
        return id;
    }

    public long getOwnerId() {
        return ownerId;
    }

    public boolean isGroup() {
        return Attachment.GROUP.equals(conversationKind);
    }

    /** The peer or the group. */
    public long getTarget() {
        return isGroup() ? groupId : peerId;
    }

    public String getName() {
        return name;
    }

    public long getLength() {
        return length;
    }

    public long getReceived() {
        return received;
    }

    public String getFileId() {
        return fileId;
    }

    public long getCreatedAt() {
        return createdAt;
    }
}
