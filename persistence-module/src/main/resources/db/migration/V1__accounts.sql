-- Users and their devices (SPEC §3). Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.
-- Sequences step by 50 to match the JPA pooled-lo allocation (no IDENTITY: it defeats batching).

CREATE SEQUENCE user_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE app_user (
    id            BIGINT                   NOT NULL PRIMARY KEY,
    account       VARCHAR(64)              NOT NULL,
    nickname      VARCHAR(64)              NOT NULL,
    password_hash VARCHAR(255)             NOT NULL,
    role          VARCHAR(16)              NOT NULL,
    enabled       BOOLEAN                  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    version       BIGINT                   NOT NULL,
    CONSTRAINT uq_app_user_account UNIQUE (account)
);

CREATE SEQUENCE device_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE device (
    id               BIGINT                   NOT NULL PRIMARY KEY,
    user_id          BIGINT                   NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    did              VARCHAR(64)              NOT NULL,
    cos              VARCHAR(32),
    dname            VARCHAR(128),
    vsn              VARCHAR(32),
    token_generation INTEGER                  NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_login_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_device_user_did UNIQUE (user_id, did)
);
