package io.chorus.web.protocol.a;

import static io.chorus.web.protocol.a.GoldenFiles.NOW;
import static io.chorus.web.protocol.a.GoldenFiles.SENDER_DID;
import static io.chorus.web.protocol.a.GoldenFiles.SENDER_UID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chorus.app.error.ErrorCode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Encoded frames match the outbound golden files byte for byte. */
class FrameEncoderGoldenTest {
    private final FrameEncoder encoder = new FrameEncoder(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    private final FrameDecoder decoder = new FrameDecoder(65_536);

    @Test
    void error_forFrameRejectedByDecoder_matchesGolden() {
        String withoutMsgType = "{\"type\":\"C2C\",\"id\":\"cdsgrbgppoodp0gvpb60\",\"to\":\"kYb7qDp3\","
                + "\"payload\":{\"text\":\"Hello, Bo!\"},\"created_at\":1763890000000}";
        FrameRejectedException rejected = assertThrows(FrameRejectedException.class,
                () -> decoder.decode(withoutMsgType, SENDER_UID, SENDER_DID));

        assertGolden("out_error_rejected_frame.json", encoder.error(rejected.code(), rejected.ref(), rejected.getMessage()));
    }

    @Test
    void error_tokenInvalid_matchesGolden() {
        assertGolden("out_error_token_invalid.json", encoder.error(ErrorCode.TOKEN_INVALID, null));
    }

    @Test
    void error_tokenExpired_matchesGolden() {
        assertGolden("out_error_token_expired.json", encoder.error(ErrorCode.TOKEN_EXPIRED, null));
    }

    @Test
    void serverAck_c2c_matchesGolden() {
        assertGolden("out_c2c_server_ack.json", encoder.serverAck(ChatType.C2C, "cdsgrbgppoodp0gvpb60", 1763890000456L, 42));
    }

    @Test
    void serverAck_c2g_matchesGolden() {
        assertGolden("out_c2g_server_ack.json", encoder.serverAck(ChatType.C2G, "cdsgrbgppoodp0gvpb61", 1763890001456L, 7));
    }

    @Test
    void message_fromDecodedC2cGolden_roundTripsToMessageGolden() {
        assertGolden("out_message_c2c.json", forward("in_c2c.json", 1763890000456L, 42));
    }

    @Test
    void message_fromDecodedC2gGolden_roundTripsToMessageGolden() {
        assertGolden("out_message_c2g.json", forward("in_c2g.json", 1763890001456L, 7));
    }

    @Test
    void notice_applyFriendWithSeedPayload_matchesGolden() {
        JsonObject seedPayload = json("{\"from\":{\"source\":\"qrcode\",\"msg\":\"我是 nick leeyi👍🏻👍🏻就\","
                + "\"remark\":\"leeyi101\",\"role\":\"all\",\"donotlookhim\":false,\"donotlethimlook\":true},"
                + "\"to\":{},\"msg_type\":\"custom\",\"custom_type\":\"apply_friend\",\"request_id\":\"Rq8vN2xL\"}");
        Notice notice = new Notice("af_Qm3xT9aZ_kYb7qDp3_Rq8vN2xL", SENDER_UID, "kYb7qDp3", seedPayload, 1763890002000L);

        assertGolden("out_s2c_apply_friend.json", encoder.notice(notice));
    }

    @Test
    void notice_applyFriendConfirm_matchesGolden() {
        JsonObject payload = json("{\"from\":{\"source\":\"qrcode\",\"msg\":\"我是 nick leeyi👍🏻👍🏻就\","
                + "\"remark\":\"leeyi101\",\"role\":\"all\",\"donotlookhim\":false,\"donotlethimlook\":true},"
                + "\"to\":{},\"msg_type\":\"custom\",\"custom_type\":\"apply_friend_confirm\",\"request_id\":\"Rq8vN2xL\"}");
        Notice notice = new Notice("afc_kYb7qDp3_Qm3xT9aZ_Rq8vN2xL", "kYb7qDp3", SENDER_UID, payload, 1763890004000L);

        assertGolden("out_s2c_apply_friend_confirm.json", encoder.notice(notice));
    }

    @Test
    void notice_groupMemberJoin_matchesGolden() {
        JsonObject payload = json("{\"msg_type\":\"group_member_join\",\"gid\":\"W7nKc2xQeV\","
                + "\"uids\":[\"kYb7qDp3\",\"Pz4hR8sW\"],\"member_count\":3}");
        Notice notice = new Notice("group_member_join_W7nKc2xQeV_1", SENDER_UID, "kYb7qDp3", payload, 1763890007000L);

        assertGolden("out_s2c_group_member_join.json", encoder.notice(notice));
    }

    @Test
    void refusalNotice_notAFriend_matchesGolden() {
        assertGolden("out_s2c_not_a_friend.json", encoder.refusalNotice("cdsgrbgppoodp0gvpb60", SENDER_UID, "not_a_friend"));
    }

    @Test
    void presence_online_matchesGolden() {
        assertGolden("out_s2c_online.json", encoder.presence("kYb7qDp3", SENDER_UID, "online", 1763890005000L));
    }

    @Test
    void loggedAnotherDevice_matchesGolden() {
        assertGolden("out_s2c_logged_another_device.json",
                encoder.loggedAnotherDevice(SENDER_UID, "ipad-7f3a", "Alice's iPad", 1763890006000L));
    }

    @Test
    void revoke_c2cToPeer_matchesGolden() {
        assertGolden("out_c2c_revoke.json",
                encoder.revoke(ChatType.C2C, "cdsgrbgppoodp0gvpb60", SENDER_UID, "kYb7qDp3", 1763890003000L));
    }

    @Test
    void revokeAck_c2c_matchesGolden() {
        assertGolden("out_c2c_revoke_ack.json", encoder.revokeAck(ChatType.C2C, "cdsgrbgppoodp0gvpb60", 1763890003000L));
    }

    @Test
    void editAck_c2c_matchesGolden() {
        assertGolden("out_c2c_edit_ack.json", encoder.editAck(ChatType.C2C, "cdsgrbgppoodp0gvpb60", 42, 1763890008000L));
    }

    @Test
    void notice_messageEdited_matchesGolden() {
        JsonObject payload = json("{\"msg_type\":\"message_edited\",\"type\":\"C2C\",\"id\":\"cdsgrbgppoodp0gvpb60\","
                + "\"from\":\"Qm3xT9aZ\",\"to\":\"kYb7qDp3\",\"seq\":42,\"mid\":1001,"
                + "\"payload\":{\"msg_type\":\"text\",\"text\":\"Hello, Bob!\"},\"edited_at\":1763890008000}");
        Notice notice = new Notice("message_edited_kYb7qDp3_3", SENDER_UID, "kYb7qDp3", payload, 1763890008000L);

        assertGolden("out_s2c_message_edited.json", encoder.notice(notice));
    }

    @Test
    void notice_withoutSender_writesNullFrom() {
        Notice notice = new Notice("s2c.1", null, "kYb7qDp3", json("{\"msg_type\":\"not_a_friend\"}"), 5L);

        assertEquals("{\"id\":\"s2c.1\",\"type\":\"S2C\",\"from\":null,\"to\":\"kYb7qDp3\","
                + "\"payload\":{\"msg_type\":\"not_a_friend\"},\"server_ts\":5}", encoder.notice(notice));
    }

    /** What the server does with a committed send: the client's frame plus author, time and seq. */
    @Test
    void read_toTheReadersOtherDevices_carriesTheUnreadCount() {
        assertGolden("out_c2c_read_own_device.json", encoder.read(ChatType.C2C, SENDER_UID, "kYb7qDp3", 42, 0L, 1763890008000L));
    }

    @Test
    void read_asAReceiptToThePeer_hasNoUnreadCount() {
        assertGolden("out_c2c_read_receipt.json", encoder.read(ChatType.C2C, "kYb7qDp3", SENDER_UID, 42, null, 1763890008000L));
    }

    @Test
    void delivered_matchesGolden() {
        assertGolden("out_c2c_delivered.json", encoder.delivered("kYb7qDp3", SENDER_UID, 42, 1763890000600L));
    }

    @Test
    void typing_matchesGolden() {
        assertGolden("out_c2g_typing.json", encoder.typing(ChatType.C2G, SENDER_UID, "g7Xk2mQa", 6000, 1763890009000L));
    }

    private String forward(String inboundGolden, long serverTs, long seq) {
        ChatFrame sent = (ChatFrame) decoder.decode(GoldenFiles.read(inboundGolden), SENDER_UID, SENDER_DID);
        return encoder.message(new OutboundMessage(sent.type(), sent.id(), SENDER_UID, sent.to(), sent.payload(),
                sent.createdAt(), serverTs, seq));
    }

    private static void assertGolden(String golden, String encoded) {
        assertEquals(GoldenFiles.read(golden), encoded, golden);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
