-- Conversations, messages and per-device delivery state (SPEC §5).
-- A message is stored once; each recipient device gets a small delivery row that lives until the
-- device acknowledges it (its backlog), never a copy of the message.

CREATE SEQUENCE conversation_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE conversation (
    id       BIGINT      NOT NULL PRIMARY KEY,
    kind     VARCHAR(3)  NOT NULL,
    user_lo  BIGINT      REFERENCES app_user (id) ON DELETE CASCADE,
    user_hi  BIGINT      REFERENCES app_user (id) ON DELETE CASCADE,
    -- The last sequence number handed out; the storing transaction holds this row's lock, which
    -- makes seq gap-free and ordered per conversation.
    last_seq BIGINT      NOT NULL,
    CONSTRAINT uq_conversation_pair UNIQUE (kind, user_lo, user_hi)
);

CREATE SEQUENCE message_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE message (
    id               BIGINT      NOT NULL PRIMARY KEY,
    conversation_id  BIGINT      NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    seq              BIGINT      NOT NULL,
    sender_id        BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    sender_device_id BIGINT,
    -- The client's message id (an xid): what the wire calls "id".
    wire_id          VARCHAR(64) NOT NULL,
    payload          TEXT        NOT NULL,
    created_at       BIGINT      NOT NULL,
    server_ts        BIGINT      NOT NULL,
    CONSTRAINT uq_message_conversation_seq UNIQUE (conversation_id, seq),
    -- Idempotent sends: a retried id is found here instead of being stored twice.
    CONSTRAINT uq_message_sender_wire UNIQUE (sender_id, wire_id)
);

CREATE TABLE delivery (
    device_id       BIGINT                   NOT NULL REFERENCES device (id) ON DELETE CASCADE,
    message_id      BIGINT                   NOT NULL REFERENCES message (id) ON DELETE CASCADE,
    conversation_id BIGINT                   NOT NULL,
    seq             BIGINT                   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (device_id, message_id)
);

-- A device's backlog in conversation order, and gap fills within one conversation.
CREATE INDEX ix_delivery_backlog ON delivery (device_id, conversation_id, seq);
