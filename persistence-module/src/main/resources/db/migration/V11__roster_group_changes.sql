-- Change logs for JIM's Cmd_GetRosterChanged (0x85) and Cmd_GetGroupChanged (0x5A): "what changed
-- since stamp st". One small row per change, written in the transaction of the change itself
-- (FriendService, GroupService); stamps are epoch ms, ids order changes made in the same ms.
-- Bounded by age: rows older than chorus.changes.retention-days are purged hourly (ARCHITECTURE.md).

CREATE SEQUENCE roster_change_seq START WITH 1 INCREMENT BY 1;

-- user_id's roster entry for friend_id was added (1), updated (2) or removed (3).
CREATE TABLE roster_change (
    id          BIGINT   NOT NULL PRIMARY KEY,
    user_id     BIGINT   NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    friend_id   BIGINT   NOT NULL,
    change_type SMALLINT NOT NULL,
    stamp       BIGINT   NOT NULL
);

CREATE INDEX ix_roster_change_user_stamp ON roster_change (user_id, stamp);
CREATE INDEX ix_roster_change_stamp ON roster_change (stamp);

CREATE SEQUENCE group_change_seq START WITH 1 INCREMENT BY 1;

-- In group_id, member user_id (0: the group itself) was added/created (1), updated (2) or
-- removed (3). A dissolve is one removal row per member, so former members can still read it.
CREATE TABLE group_change (
    id          BIGINT   NOT NULL PRIMARY KEY,
    group_id    BIGINT   NOT NULL REFERENCES chat_group (id) ON DELETE CASCADE,
    user_id     BIGINT   NOT NULL,
    change_type SMALLINT NOT NULL,
    stamp       BIGINT   NOT NULL
);

CREATE INDEX ix_group_change_group_stamp ON group_change (group_id, stamp);
CREATE INDEX ix_group_change_user_stamp ON group_change (user_id, stamp);
CREATE INDEX ix_group_change_stamp ON group_change (stamp);
