-- How far each member has read each conversation: unread counts are messages of others above it.
CREATE TABLE conversation_read (
    user_id         BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    conversation_id BIGINT NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    read_seq        BIGINT NOT NULL,
    PRIMARY KEY (user_id, conversation_id)
);
