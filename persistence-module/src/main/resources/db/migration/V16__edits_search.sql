-- Everyday messaging (issue 25): edits, mentions. The full-text index is PostgreSQL's own and comes
-- in V16_1 (db.migration.V16_1__search_index), which leaves H2 alone.

-- When the author last edited the message's text; NULL for a message never edited. The payload
-- always holds the latest version.
ALTER TABLE message ADD COLUMN edited_at BIGINT;

-- Every version a message had before an edit replaced it, for administrators only
-- (GET /api/admin/messages/{uid}/{id}/edits): version 1 is the original as sent. A revoke of the
-- message keeps these rows (the audit outlives what members see); deleting the message drops them.
CREATE TABLE message_edit (
    message_id  BIGINT NOT NULL REFERENCES message (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    payload     TEXT   NOT NULL,
    -- When the next version replaced this one (epoch ms), and from which device of the author.
    replaced_at BIGINT NOT NULL,
    device_id   BIGINT,
    PRIMARY KEY (message_id, version)
);

-- Who a group message mentions: one row per mentioned member (an @all a row per member but the
-- sender), written with the message. A member's recent-conversation entry is flagged while one of
-- its rows is above its read cursor. A revoke deletes the message's rows.
CREATE TABLE message_mention (
    conversation_id BIGINT NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    seq             BIGINT NOT NULL,
    user_id         BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    -- A revoke deletes by (conversation, seq).
    PRIMARY KEY (conversation_id, seq, user_id)
);
-- The recent list asks, per conversation of the user, for a mention above its read cursor.
CREATE INDEX ix_message_mention_user ON message_mention (user_id, conversation_id, seq);
