-- Each node's push attempts per provider (docs/PUSH.md), written with its lease renewal like its
-- other figures (V8): the admin console sums them across live nodes. Counts by outcome, as
-- chorus_push_attempts_total has them: sent, dead (the token was gone), retry (429, 5xx, no answer),
-- failed (refused for good, or given up). Gone with the node's lease.
CREATE TABLE cluster_node_push (
    node_id  VARCHAR(64) NOT NULL REFERENCES cluster_node (node_id) ON DELETE CASCADE,
    provider VARCHAR(16) NOT NULL,
    sent     BIGINT      NOT NULL DEFAULT 0,
    dead     BIGINT      NOT NULL DEFAULT 0,
    retry    BIGINT      NOT NULL DEFAULT 0,
    failed   BIGINT      NOT NULL DEFAULT 0,
    PRIMARY KEY (node_id, provider)
);
