-- Each node's lease (SPEC §8): a node renews its row every few seconds; a row left to expire means the
-- node died, and the sockets it recorded in device_connection are cleared by the survivors.
CREATE TABLE cluster_node (
    node_id      VARCHAR(64) NOT NULL PRIMARY KEY,
    started_at   BIGINT      NOT NULL,
    heartbeat_at BIGINT      NOT NULL
);
