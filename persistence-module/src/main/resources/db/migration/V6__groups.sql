-- Groups and group messaging (SPEC §4, §5, §7).

CREATE SEQUENCE chat_group_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE chat_group (
    id           BIGINT       NOT NULL PRIMARY KEY,
    title        VARCHAR(64)  NOT NULL,
    description  VARCHAR(256),
    open_join    BOOLEAN      NOT NULL,
    owner_id     BIGINT       NOT NULL REFERENCES app_user (id),
    created_at   BIGINT       NOT NULL,
    dissolved_at BIGINT,
    version      BIGINT       NOT NULL
);

-- Membership. joined_seq is the group conversation's last seq when the member joined: history and
-- unread counts start after it, and delivery rows are only ever made for current members.
CREATE TABLE group_member (
    group_id   BIGINT      NOT NULL REFERENCES chat_group (id) ON DELETE CASCADE,
    user_id    BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role       VARCHAR(8)  NOT NULL,
    muted      BOOLEAN     NOT NULL,
    joined_seq BIGINT      NOT NULL,
    joined_at  BIGINT      NOT NULL,
    PRIMARY KEY (group_id, user_id)
);

CREATE INDEX ix_group_member_user ON group_member (user_id);

-- A group's conversations: its messages (kind C2G) and its stored notices (kind S2G, one row per
-- event however many members get it). Both user columns stay NULL.
ALTER TABLE conversation ADD COLUMN group_id BIGINT REFERENCES chat_group (id) ON DELETE CASCADE;
CREATE UNIQUE INDEX uq_conversation_group ON conversation (kind, group_id);
