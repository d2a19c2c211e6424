package io.chorus.web.dialect.b;

import io.chorus.app.account.Caller;
import io.chorus.app.push.PushService;
import io.chorus.web.protocol.b.BodyException;
import io.chorus.web.protocol.b.Contact;
import io.chorus.web.protocol.b.JimJson;
import io.chorus.web.protocol.b.Packet;
import io.chorus.web.protocol.b.PushCodec;
import io.chorus.web.protocol.b.SeedResult;
import io.chorus.web.protocol.b.ServerPackets;
import io.chorus.web.socket.ClientConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The push commands (CMD 0x70–0x73): the per-contact push mute list and the app's foreground or
 * background state, through {@link PushService} as the REST API is (docs/PUSH.md), so a JIM
 * client's mute silences a contact for the user's every device.
 */
@ApplicationScoped
class PushCommands {
    @Inject
    PushService pushes;

    @Inject
    ServerPackets packets;

    /** {@code Cmd_SetMsgPush {uid, c: {id, t}, np}} → {@code {code}}: {@code np} false (or left out) mutes. */
    void setMsgPush(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        JsonObjectBuilder result = SeedCodes.attempt(() -> {
            JsonObject data = JimJson.readObject(packet.data());
            SeedCodes.requireOwnUid(caller, JimJson.readLong(data, "uid", 0, Long.MAX_VALUE, 0), "uid");
            Contact contact = contact(data);
            pushes.setPush(caller.userId(), contact.type(), contact.id(), PushCodec.readPush(data));
            return SeedResult.ok();
        }, code -> PushCodec.INVALID_REQUEST);
        connection.sendBinary(packets.response(packet, result.build()), null);
    }

    /** {@code Cmd_GetMsgPush {uid, c}} → {@code {uid, c, np}}. */
    void getMsgPush(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        JsonObject data = JimJson.readObject(packet.data());
        SeedCodes.requireOwnUid(caller, JimJson.readLong(data, "uid", 0, Long.MAX_VALUE, 0), "uid");
        Contact contact = contact(data);
        boolean push = pushes.pushes(caller.userId(), contact.type(), contact.id());
        connection.sendBinary(packets.response(packet, PushCodec.msgPush(caller.userId(), contact, push)), null);
    }

    /** {@code Cmd_SetIosDeviceStatus} / {@code Cmd_SetAndroidDeviceStatus {s}} → {@code {code}}: this socket's device. */
    void setDeviceStatus(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        JsonObjectBuilder result = SeedCodes.attempt(() -> {
            int s = JimJson.readInt(JimJson.readObject(packet.data()), "s", PushCodec.BACKGROUND, PushCodec.FOREGROUND, -1);
            if (s < 0) {
                throw new BodyException("s", "is required: 0 background, 1 foreground");
            }
            pushes.declare(caller.deviceId(), s == PushCodec.BACKGROUND);
            return SeedResult.ok();
        }, code -> PushCodec.INVALID_REQUEST);
        connection.sendBinary(packets.response(packet, result.build()), null);
    }

    private static Contact contact(JsonObject data) {
        Contact contact = JimJson.readContact(data.get("c"), "c");
        if (contact == null || contact.id() == 0 || contact.type() == Contact.NONE) {
            throw new BodyException("c", "must name a user (t 1) or a group (t 2) by id");
        }
        return contact;
    }
}
