package io.chorus.domain.file;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What is known about an uploaded file: who uploaded it, for which conversation, what it is and
 * where its bytes are. The bytes themselves live in a store, never in the database.
 */
@Entity
@Table(name = "attachment")
public class Attachment {
    public static final String DIRECT = "C2C";
    public static final String GROUP = "C2G";

    @Id
    @Column(length = 32)
    private String id;

    @Column(name = "owner_id", nullable = false)
    private long ownerId;

    @Column(name = "conv_kind", nullable = false, length = 3)
    private String conversationKind;

    @Column(name = "user_lo")
    private Long userLo;

    @Column(name = "user_hi")
    private Long userHi;

    @Column(name = "group_id")
    private Long groupId;

    @Column(nullable = false, length = 255)
    private String name;

    @Column(name = "media_type", nullable = false, length = 127)
    private String mediaType;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Column(nullable = false, length = 64)
    private String sha256;

    @Column(name = "storage_key", nullable = false, length = 200)
    private String storageKey;

    private Integer width;

    private Integer height;

    @Column(name = "thumbnail_key", length = 200)
    private String thumbnailKey;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "referenced_at")
    private Long referencedAt;

    @Column(name = "revoked_at")
    private Long revokedAt;

    protected Attachment() {
    }

    private Attachment(String id, long ownerId, String conversationKind, Long userLo, Long userHi, Long groupId,
                       Content content, long createdAt) {
        this.id = id;
        this.ownerId = ownerId;
        this.conversationKind = conversationKind;
        this.userLo = userLo;
        this.userHi = userHi;
        this.groupId = groupId;
        this.name = content.name();
        this.mediaType = content.mediaType();
        this.size = content.size();
        this.sha256 = content.sha256();
        this.storageKey = content.storageKey();
        this.width = content.width();
        this.height = content.height();
        this.createdAt = createdAt;
    }

    /** The description of the bytes, as the upload found them. */
    public record Content(String name, String mediaType, long size, String sha256, String storageKey,
                          Integer width, Integer height) {
    }

    public static Attachment direct(String id, long ownerId, long userA, long userB, Content content, long createdAt) {
        return new Attachment(id, ownerId, DIRECT, Math.min(userA, userB), Math.max(userA, userB), null, content, createdAt);
    }

    public static Attachment group(String id, long ownerId, long groupId, Content content, long createdAt) {
        return new Attachment(id, ownerId, GROUP, null, null, groupId, content, createdAt);
    }

    public boolean isGroup() {
        return GROUP.equals(conversationKind);
    }

    /** For a one-to-one file: whether this user is one of the pair. */
    public boolean isBetween(long userId) {
        return !isGroup() && (userLo == userId || userHi == userId);
    }

    /** A message naming the file was revoked: the file is not served any more. */
    public void revoke(long now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    /** Whether the file may be named by a message of this sender to this peer (one-to-one) or group. */
    public boolean attachableBy(long senderId, boolean toGroup, long target) {
        if (ownerId != senderId || isRevoked()) {
            return false;
        }
        if (toGroup) {
            return isGroup() && groupId == target;
        }
        return !isGroup() && userLo == Math.min(senderId, target) && userHi == Math.max(senderId, target);
    }

    public void thumbnailStored(String key) {
        this.thumbnailKey = key;
    }

    public String getId() {
        return id;
    }

    public long getOwnerId() {
        return ownerId;
    }

    public String getConversationKind() {
        return conversationKind;
    }

    public Long getUserLo() {
        return userLo;
    }

    public Long getUserHi() {
        return userHi;
    }

    public Long getGroupId() {
        return groupId;
    }

    public String getName() {
        return name;
    }

    public String getMediaType() {
        return mediaType;
    }

    public long getSize() {
        return size;
    }

    public String getSha256() {
        return sha256;
    }

    public String getStorageKey() {
        return storageKey;
    }

    public Integer getWidth() {
        return width;
    }

    public Integer getHeight() {
        return height;
    }

    public String getThumbnailKey() {
        return thumbnailKey;
    }

    public long getCreatedAt() {
        return createdAt;
    }
}
