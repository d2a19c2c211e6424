-- A revoke a device still has to hear of (docs/RELIABILITY.md): one row per device of the
-- conversation's users (a group's members) but the revoking one, written with the revoke, gone once
-- the C2C_REVOKE / C2G_REVOKE is written to the device's socket. Like a delivery row, it outlives a
-- lost event: the delivery sweep and the next connect find it.
CREATE TABLE pending_revoke (
    device_id  BIGINT                   NOT NULL REFERENCES device (id) ON DELETE CASCADE,
    message_id BIGINT                   NOT NULL REFERENCES message (id) ON DELETE CASCADE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (device_id, message_id)
);
