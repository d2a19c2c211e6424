-- A user's privacy choice: false, nobody is told when the user reads (no read receipts, and the
-- user does not count as a reader in group read counts). The user's own devices still follow.
ALTER TABLE app_user ADD COLUMN read_receipts BOOLEAN NOT NULL DEFAULT TRUE;
