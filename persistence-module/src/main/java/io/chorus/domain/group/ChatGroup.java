package io.chorus.domain.group;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A group (SPEC §7). Dissolving keeps the row (its messages stay for the record) but ends it. */
@Entity
@Table(name = "chat_group")
public class ChatGroup {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "chat_group_seq")
    @SequenceGenerator(name = "chat_group_seq", sequenceName = "chat_group_seq", allocationSize = 50)
    private Long id;

    @Column(nullable = false, length = 64)
    private String title;

    @Column(length = 256)
    private String description;

    /** Anyone may join an open group; a closed one only by being added. */
    @Column(name = "open_join", nullable = false)
    private boolean open;

    @Column(name = "owner_id", nullable = false)
    private long ownerId;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "dissolved_at")
    private Long dissolvedAt;

    @Version
    private long version;

    protected ChatGroup() {
    }

    public ChatGroup(String title, String description, boolean open, long ownerId, long createdAt) {
        this.title = title;
        this.description = description;
        this.open = open;
        this.ownerId = ownerId;
        this.createdAt = createdAt;
    }

    public void edit(String title, String description, boolean open) {
        this.title = title;
        this.description = description;
        this.open = open;
    }

    public void transferTo(long newOwnerId) {
        this.ownerId = newOwnerId;
    }

    public void dissolve(long now) {
        this.dissolvedAt = now;
    }

    public boolean isDissolved() {
        return dissolvedAt != null;
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    public boolean isOpen() {
        return open;
    }

    public long getOwnerId() {
        return ownerId;
    }

    public long getCreatedAt() {
        return createdAt;
    }
}
