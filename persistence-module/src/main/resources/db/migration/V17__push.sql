-- Offline push notifications (docs/PUSH.md). Portable SQL: runs on PostgreSQL and on H2 in PostgreSQL mode.

-- A device's push target: one per device, replaced by the next registration, gone with the device
-- (removal cascades) and deleted at log-out or when the provider says the token is dead.
-- provider: apns (token = device token, topic = bundle id, sandbox), fcm (token = registration
-- token), webpush (token = the subscription's endpoint, p256dh and auth its keys).
CREATE TABLE push_registration (
    device_id   BIGINT                   NOT NULL PRIMARY KEY REFERENCES device (id) ON DELETE CASCADE,
    provider    VARCHAR(16)              NOT NULL,
    token       VARCHAR(2048)            NOT NULL,
    p256dh      VARCHAR(128),
    auth        VARCHAR(64),
    topic       VARCHAR(255),
    sandbox     BOOLEAN                  NOT NULL DEFAULT FALSE,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The seed's msgpush: a user's push mute list, per contact (kind 1 user, 2 group). A row means no push.
CREATE TABLE push_mute (
    user_id      BIGINT   NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    contact_kind SMALLINT NOT NULL,
    contact_id   BIGINT   NOT NULL,
    PRIMARY KEY (user_id, contact_kind, contact_id)
);

-- The user's preview policy (full, sender, none); NULL: the installation's chorus.push.preview.
ALTER TABLE app_user ADD COLUMN push_preview VARCHAR(8);

-- A socket whose app said it went to the background (JIM 0x72/0x73, REST): its device gets pushes
-- although connected. A new socket starts in the foreground.
ALTER TABLE device_connection ADD COLUMN background BOOLEAN NOT NULL DEFAULT FALSE;

-- Whether a push already told the device of this pending copy: a burst is one push, and a copy is
-- announced once, whichever node decides (the decision locks the device's registration row).
ALTER TABLE delivery ADD COLUMN pushed BOOLEAN NOT NULL DEFAULT FALSE;
