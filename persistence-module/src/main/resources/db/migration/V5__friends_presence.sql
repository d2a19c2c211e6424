-- Friends, deny-lists, presence and live connections (SPEC §3, §7).

-- A friend request and what became of it. While it is open (pending, or ignored by its target,
-- which its applicant cannot tell), open_lo/open_hi hold the pair, lower id first; the unique
-- constraint then allows one open request per pair whatever its direction, even under concurrent
-- requests. Decided requests set them to NULL, which unique constraints do not compare.
CREATE SEQUENCE friend_request_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE friend_request (
    id              BIGINT      NOT NULL PRIMARY KEY,
    from_user_id    BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    to_user_id      BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    status          VARCHAR(16) NOT NULL,
    msg             VARCHAR(256),
    source          VARCHAR(64),
    remark          VARCHAR(64),
    role            VARCHAR(32),
    donotlookhim    BOOLEAN     NOT NULL,
    donotlethimlook BOOLEAN     NOT NULL,
    open_lo         BIGINT,
    open_hi         BIGINT,
    created_at      BIGINT      NOT NULL,
    decided_at      BIGINT,
    CONSTRAINT uq_friend_request_open_pair UNIQUE (open_lo, open_hi)
);

CREATE INDEX ix_friend_request_to ON friend_request (to_user_id, status);
CREATE INDEX ix_friend_request_from ON friend_request (from_user_id, status);

-- One row per direction: owner_id has friend_id in its list, with the owner's remark and flags.
-- Deleting a friend is one-sided, as in the Erlang server.
CREATE TABLE friendship (
    owner_id        BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    friend_id       BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    remark          VARCHAR(64),
    role            VARCHAR(32),
    donotlookhim    BOOLEAN     NOT NULL,
    donotlethimlook BOOLEAN     NOT NULL,
    created_at      BIGINT      NOT NULL,
    PRIMARY KEY (owner_id, friend_id)
);

-- Who may reach the owner: the friendship gate looks up (recipient, sender) in both tables.
CREATE INDEX ix_friendship_friend ON friendship (friend_id);

CREATE TABLE denylist (
    owner_id   BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    denied_id  BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (owner_id, denied_id)
);

-- The presence a user chose: 'online' (visible) or 'hide' (friends see offline).
ALTER TABLE app_user ADD COLUMN presence VARCHAR(8) DEFAULT 'online' NOT NULL;

-- Every live socket of every node, one row per socket: a user is online while one exists, on any
-- node. Each socket inserts and deletes only its own row, so sockets of one device that replace
-- each other never remove each other's rows, whatever order their transactions commit in. A node
-- removes its own rows when it starts.
CREATE TABLE device_connection (
    connection_id VARCHAR(64) NOT NULL PRIMARY KEY,
    device_id     BIGINT      NOT NULL REFERENCES device (id) ON DELETE CASCADE,
    user_id       BIGINT      NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    node_id       VARCHAR(64) NOT NULL,
    connected_at  BIGINT      NOT NULL
);

CREATE INDEX ix_device_connection_user ON device_connection (user_id);
CREATE INDEX ix_device_connection_device ON device_connection (device_id);
CREATE INDEX ix_device_connection_node ON device_connection (node_id);
