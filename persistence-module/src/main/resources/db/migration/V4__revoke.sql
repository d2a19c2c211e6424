-- A revoked message keeps its place (id, seq) but not its content: the payload becomes the
-- revoke stub and revoked_at records when.
ALTER TABLE message ADD COLUMN revoked_at BIGINT;
