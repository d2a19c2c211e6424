-- Failed log-ins counted per key in fixed windows, shared by every node (SPEC §10): keys are
-- 'a:<account>' (all addresses), 'i:<address>' (all accounts) and 'p:<account>|<address>' (the pair).
-- last_success, on pair rows, marks an address this account logged in from: it keeps working while
-- someone else's failures hold the account's own limit.
CREATE TABLE login_throttle (
    throttle_key  VARCHAR(200) NOT NULL PRIMARY KEY,
    failures      INTEGER      NOT NULL,
    window_start  BIGINT       NOT NULL,
    last_success  BIGINT
);

CREATE INDEX ix_login_throttle_window ON login_throttle (window_start);

-- Friend-request limits count a sender's recent requests.
CREATE INDEX ix_friend_request_from_created ON friend_request (from_user_id, created_at);
