-- Files and media (docs/FILES.md): the database keeps only what describes a file; its bytes are in
-- the configured store (the server's data directory or an S3-compatible bucket) under storage_key.
-- A file belongs to one conversation: a pair of users (kind C2C, user_lo < user_hi, as in
-- conversation) or a group (kind C2G); the conversation row itself may not exist yet.
CREATE TABLE attachment (
    id            VARCHAR(32)  NOT NULL PRIMARY KEY,
    owner_id      BIGINT       NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    conv_kind     VARCHAR(3)   NOT NULL,
    user_lo       BIGINT,
    user_hi       BIGINT,
    group_id      BIGINT       REFERENCES chat_group (id) ON DELETE CASCADE,
    name          VARCHAR(255) NOT NULL,
    media_type    VARCHAR(127) NOT NULL,
    size_bytes    BIGINT       NOT NULL,
    -- Hex SHA-256 of the bytes; the storage key is derived from it, so the same bytes are stored once.
    sha256        CHAR(64)     NOT NULL,
    storage_key   VARCHAR(200) NOT NULL,
    width         INTEGER,
    height        INTEGER,
    thumbnail_key VARCHAR(200),
    created_at    BIGINT       NOT NULL,
    -- Set when the first message naming the file is stored; a file no message names is deleted
    -- after a grace period (chorus.files.unreferenced-grace-seconds).
    referenced_at BIGINT,
    -- Set when a message naming the file is revoked: the file is no longer served.
    revoked_at    BIGINT,
    CONSTRAINT ck_attachment_conversation CHECK (
        (conv_kind = 'C2C' AND user_lo IS NOT NULL AND user_hi IS NOT NULL AND group_id IS NULL)
        OR (conv_kind = 'C2G' AND group_id IS NOT NULL AND user_lo IS NULL AND user_hi IS NULL))
);

-- Quota and the admin console's largest users; and "is this object still used by anyone".
CREATE INDEX ix_attachment_owner ON attachment (owner_id);
CREATE INDEX ix_attachment_sha256 ON attachment (sha256);
-- The clean-up's scans: by age.
CREATE INDEX ix_attachment_created ON attachment (created_at);

-- Resumable uploads (tus 1.0, docs/FILES.md): an upload announced with its length, whose bytes come
-- in one or more PATCH requests. Each request's bytes are one part, an object in the file store
-- (so any node may take the next request); when all bytes are there the parts are joined into the
-- file and deleted, and file_id names the result.
CREATE TABLE file_upload (
    id         VARCHAR(32)  NOT NULL PRIMARY KEY,
    owner_id   BIGINT       NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    conv_kind  VARCHAR(3)   NOT NULL,
    peer_id    BIGINT,
    group_id   BIGINT       REFERENCES chat_group (id) ON DELETE CASCADE,
    name       VARCHAR(255) NOT NULL,
    length     BIGINT       NOT NULL,
    received   BIGINT       NOT NULL,
    file_id    VARCHAR(32),
    created_at BIGINT       NOT NULL
);

CREATE TABLE file_upload_part (
    upload_id    VARCHAR(32)  NOT NULL REFERENCES file_upload (id) ON DELETE CASCADE,
    start_offset BIGINT       NOT NULL,
    size_bytes   BIGINT       NOT NULL,
    storage_key  VARCHAR(200) NOT NULL,
    PRIMARY KEY (upload_id, start_offset)
);
