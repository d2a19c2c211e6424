-- Each node's figures, written with its lease renewal: the admin console sums them across live nodes.
ALTER TABLE cluster_node ADD COLUMN connections INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cluster_node ADD COLUMN sends BIGINT NOT NULL DEFAULT 0;
ALTER TABLE cluster_node ADD COLUMN deliveries BIGINT NOT NULL DEFAULT 0;
ALTER TABLE cluster_node ADD COLUMN acks BIGINT NOT NULL DEFAULT 0;
ALTER TABLE cluster_node ADD COLUMN resends BIGINT NOT NULL DEFAULT 0;
