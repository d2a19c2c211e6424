-- Message search newest first (issue 25, docs/PERFORMANCE.md step 9): a search looks at the newest
-- messages first, in windows of server_ts that grow until its page is full
-- (MessageSearchRepository). On PostgreSQL this index bounds each window: a bitmap of the window's
-- rows ANDed with the full-text index's, or the window walked newest first, so a common word costs
-- what its page needs instead of every message that has it. Also on H2, where the substring
-- fallback's ORDER BY server_ts DESC can use it. One more b-tree entry per message stored.
CREATE INDEX ix_message_server_ts ON message (server_ts);
