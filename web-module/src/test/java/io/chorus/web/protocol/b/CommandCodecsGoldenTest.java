package io.chorus.web.protocol.b;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chorus.app.error.ErrorCode;
import io.chorus.app.json.Jsonp;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The roster, group and user codecs write exactly the data of their golden vectors (which
 * {@link PacketGoldenTest} decodes and re-encodes byte for byte), and the requests' golden data
 * reads as the fields the commands take.
 */
class CommandCodecsGoldenTest {
    private static final RosterCodec.Roster BOBBY = new RosterCodec.Roster(42, 43, "Bobby", "work", 1_763_892_000_000L);
    private static final RosterCodec.Request REQUEST = new RosterCodec.Request(9, 42, 43, "hi, it's alice", RosterCodec.STATUS_WAITING,
            1_763_892_002_000L);

    @Test
    void rosterAnswers_areTheGoldenData() {
        assertGolden("get_all_roster_response.hex", RosterCodec.rosters(42, List.of(BOBBY)));
        assertGolden("get_rosters_response.hex", RosterCodec.rosters(42, List.of(BOBBY)));
        assertGolden("set_roster_response.hex", SeedResult.ok().build());
        assertGolden("set_roster_refused.hex",
                SeedResult.refused(RosterCodec.CHANGE_NOT_EXIST, ErrorCode.NOT_FOUND, "Not in your friend list.").build());
        assertGolden("remove_roster_response.hex", RosterCodec.removed(42, 43, SeedResult.ok()));
        assertGolden("roster_request_response.hex", RosterCodec.withRequestId(SeedResult.ok(), 9));
        assertGolden("roster_request_refused.hex", RosterCodec.withRequestId(
                SeedResult.refused(RosterCodec.REQUEST_ROSTER_IGNORE, ErrorCode.IN_DENYLIST, null), 0));
        assertGolden("get_roster_requests_response.hex", RosterCodec.requests(List.of(REQUEST)));
        assertGolden("handle_roster_request_response.hex", RosterCodec.withRequestId(SeedResult.ok(), 9));
        assertGolden("set_ignore_roster_request_response.hex", SeedResult.ok().build());
    }

    @Test
    void rosterPushes_areTheGoldenData() {
        assertGolden("roster_request_push.hex", RosterCodec.request(REQUEST));
        assertGolden("handle_roster_request_notification.hex", RosterCodec.handled(42, 43, RosterCodec.HANDLE_ACCEPT, 9));
        assertGolden("roster_changed_notification.hex", RosterCodec.changed(42, 43, RosterCodec.CHANGE_ADDED, 1_763_892_004_000L));
    }

    @Test
    void rosterRequests_readAsTheCommandsTakeThem() {
        JsonObject set = data("set_roster_request.hex");
        assertEquals(43, JimJson.readLong(set, "ruid", 0, Long.MAX_VALUE, 0));
        assertEquals("Bobby", JimJson.readString(set, "r", RosterCodec.MAX_REMARK));
        assertEquals("work", JimJson.readString(set, "g", RosterCodec.MAX_REMARK));
        assertEquals(List.of(43L, 44L), JimJson.readIds(data("get_rosters_request.hex"), "ruids", 10));
        JsonObject ask = data("roster_request_request.hex");
        assertEquals("hi, it's alice", JimJson.readString(ask, "verify", RosterCodec.MAX_VERIFY));
        assertEquals(43, JimJson.readLong(ask, "tuid", 0, Long.MAX_VALUE, 0));
        JsonObject handle = data("handle_roster_request_request.hex");
        assertEquals(RosterCodec.HANDLE_ACCEPT, JimJson.readInt(handle, "type", 1, 2, 0));
        assertEquals("school", JimJson.readString(handle, "group", RosterCodec.MAX_REMARK));
    }

    @Test
    void groupAnswersAndPush_areTheGoldenData() {
        assertGolden("create_group_response.hex", GroupCodec.created(SeedResult.ok(), 7, 1_763_892_005_000L));
        assertGolden("remove_group_response.hex", GroupCodec.removed(SeedResult.ok(), 7));
        assertGolden("remove_group_refused.hex", GroupCodec.removed(SeedResult.refused(GroupCodec.NO_PERMISSION, ErrorCode.FORBIDDEN, null), 7));
        assertGolden("set_group_response.hex", SeedResult.ok().build());
        assertGolden("get_groups_response.hex", GroupCodec.groups(List.of(new GroupCodec.Group(7, "Weekend", GroupCodec.TYPE_NORMAL,
                1_763_892_005_000L, 0))));
        assertGolden("get_gids_response.hex", GroupCodec.gids(List.of(7L)));
        assertGolden("add_group_members_response.hex", SeedResult.ok().build());
        assertGolden("remove_group_members_response.hex", SeedResult.ok().build());
        assertGolden("set_group_member_response.hex", SeedResult.ok().build());
        assertGolden("get_groups_members_response.hex", GroupCodec.members(List.of(new GroupCodec.Member(7, 42, "Alice", GroupCodec.OWNER),
                new GroupCodec.Member(7, 43, null, GroupCodec.MEMBER))));
        assertGolden("group_changed_notification.hex", GroupCodec.changed(7, 45, GroupCodec.CHANGE_CREATE, 1_763_892_006_000L));
    }

    @Test
    void groupRequests_readAsTheCommandsTakeThem() {
        JsonObject create = data("create_group_request.hex");
        assertEquals("Weekend", JimJson.readString(create, "name", GroupCodec.MAX_NAME));
        assertEquals(List.of(43L, 44L), JimJson.readIds(create, "memberuids", 10));
        assertEquals(List.of(7L), JimJson.readIds(data("get_groups_request.hex"), "gids", 10));
        List<JsonObject> ms = JimJson.readObjects(data("add_group_members_request.hex"), "ms", 10);
        assertEquals(45, JimJson.readLong(ms.get(0), "uid", 0, Long.MAX_VALUE, 0));
        assertEquals("admin", GroupCodec.role(JimJson.readInt(data("set_group_member_request.hex"), "p", 1, 3, 1)));
        assertEquals("Long weekend", JimJson.readString(data("set_group_request.hex"), "n", GroupCodec.MAX_NAME));
    }

    @Test
    void userInfos_areTheGoldenData() {
        assertEquals(List.of(42L, 43L), JimJson.readIds(data("get_user_infos_request.hex"), "uids", 10));
        assertGolden("get_user_infos_response.hex", UserCodec.infos(List.of(new UserCodec.UserInfo(42, "alice@example.com", "Alice"))));
    }

    @Test
    void storedNotices_becomeTheGoldenPushes() {
        NoticeCodec.Ids ids = new NoticeCodec.Ids() {
            private final Map<String, Long> raw = Map.of("Qm3xT9aZ", 42L, "kYb7qDp3", 43L, "Pz4hR8sW", 45L, "Rq8vN2xL", 9L);

            @Override
            public long user(String uid) {
                return raw.get(uid);
            }

            @Override
            public long group(String gid) {
                return "W7nKc2xQeV".equals(gid) ? 7 : -1;
            }
        };
        JsonObject applyFriend = Jsonp.readObject("{\"from\":{\"msg\":\"hi, it's alice\"},\"to\":{},\"msg_type\":\"custom\","
                + "\"custom_type\":\"apply_friend\",\"request_id\":\"Rq8vN2xL\"}");
        assertPushes(NoticeCodec.toJim(applyFriend, 42, 43, 1_763_892_002_000L, 1001, ids), "roster_request_push.hex");

        // The applicant (42) hears that 43 accepted.
        JsonObject confirm = Jsonp.readObject("{\"from\":{},\"to\":{},\"msg_type\":\"custom\",\"custom_type\":\"apply_friend_confirm\","
                + "\"request_id\":\"Rq8vN2xL\"}");
        assertPushes(NoticeCodec.toJim(confirm, 43, 42, 1_763_892_004_000L, 1003, ids),
                "handle_roster_request_notification.hex", "roster_changed_notification.hex");

        JsonObject joined = Jsonp.readObject("{\"msg_type\":\"group_member_join\",\"gid\":\"W7nKc2xQeV\",\"uids\":[\"Pz4hR8sW\"],"
                + "\"member_count\":3}");
        assertPushes(NoticeCodec.toJim(joined, 42, 43, 1_763_892_006_000L, 1004, ids), "group_changed_notification.hex");

        JsonObject notice = Jsonp.readObject("{\"msg_type\":\"system_notice\",\"text\":\"Tonight 02:00-03:00 UTC\",\"title\":\"Maintenance\"}");
        assertPushes(NoticeCodec.toJim(notice, 1, 43, 1_763_892_007_000L, 1002, ids), "system_notice_msg.hex");
    }

    @Test
    void groupNotices_tellWhoJoinedOrLeft_orTheGroupItself() {
        NoticeCodec.Ids ids = new NoticeCodec.Ids() {
            @Override
            public long user(String uid) {
                return Long.parseLong(uid.substring(1));
            }

            @Override
            public long group(String gid) {
                return Long.parseLong(gid.substring(1));
            }
        };
        JsonObject created = Jsonp.readObject("{\"msg_type\":\"group_member_join\",\"gid\":\"g7\",\"uids\":[\"u1\",\"u2\"],\"member_count\":2}");
        assertEquals("[{\"gid\":7,\"t\":1,\"st\":5}]", data(NoticeCodec.toJim(created, 1, 2, 5, 9, ids)));
        JsonObject added = Jsonp.readObject("{\"msg_type\":\"group_member_join\",\"gid\":\"g7\",\"uids\":[\"u3\",\"u4\"],\"member_count\":4}");
        assertEquals("[{\"gid\":7,\"uid\":3,\"t\":1,\"st\":5}, {\"gid\":7,\"uid\":4,\"t\":1,\"st\":5}]",
                data(NoticeCodec.toJim(added, 1, 2, 5, 9, ids)));
        JsonObject left = Jsonp.readObject("{\"msg_type\":\"group_member_leave\",\"gid\":\"g7\",\"leave_uid\":\"u3\",\"member_count\":3}");
        assertEquals("[{\"gid\":7,\"uid\":3,\"t\":3,\"st\":5}]", data(NoticeCodec.toJim(left, 1, 2, 5, 9, ids)));
        JsonObject dissolved = Jsonp.readObject("{\"msg_type\":\"group_dissolve\",\"gid\":\"g7\"}");
        assertEquals("[{\"gid\":7,\"t\":3,\"st\":5}]", data(NoticeCodec.toJim(dissolved, 1, 2, 5, 9, ids)));
        assertEquals(List.of(), NoticeCodec.toJim(Jsonp.readObject("{\"msg_type\":\"somethingnew\"}"), 1, 2, 5, 9, ids));
    }

    private static String data(List<NoticeCodec.Push> pushes) {
        return pushes.stream().peek(p -> assertEquals(Command.GROUP_CHANGED_NOTIFICATION, p.command()))
                .map(p -> p.data().toString()).toList().toString();
    }

    private static void assertPushes(List<NoticeCodec.Push> pushes, String... goldenNames) {
        assertEquals(goldenNames.length, pushes.size(), pushes::toString);
        for (int i = 0; i < goldenNames.length; i++) {
            Packet golden = GoldenVectors.read(goldenNames[i]).packet();
            assertEquals(golden.cmd(), pushes.get(i).command().id(), goldenNames[i]);
            assertEquals(PacketType.REQUEST, golden.type(), goldenNames[i]);
            assertEquals(new String(golden.data(), StandardCharsets.UTF_8), pushes.get(i).data().toString(), goldenNames[i]);
        }
    }

    private static void assertGolden(String name, JsonObject written) {
        assertEquals(new String(GoldenVectors.read(name).packet().data(), StandardCharsets.UTF_8), written.toString(), name);
    }

    private static JsonObject data(String name) {
        return JimJson.readObject(GoldenVectors.read(name).packet().data());
    }
}
