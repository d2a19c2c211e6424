package io.chorus.web.protocol.b;

import io.chorus.app.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The push commands' JSON (CMD 0x70–0x73, the seed's {@code msgpush.go} and device status):
 * {@code Cmd_SetMsgPush {uid, c, np}} → {@code {code}}, {@code Cmd_GetMsgPush {uid, c}} →
 * {@code {uid, c, np}} ({@code np} true: pushes on; left out when false, as Go's {@code omitempty}
 * writes it), {@code Cmd_Set*DeviceStatus {s: 0 background | 1 foreground}} → {@code {code}}.
 */
public final class PushCodec {
    /** The seed's {@code SetMsgPushCode_InvalidRequest}. */
    public static final int INVALID_REQUEST = 1;
    public static final int BACKGROUND = 0;
    public static final int FOREGROUND = 1;

    private PushCodec() {
    }

    public static JsonObject msgPush(long uid, Contact contact, boolean push) {
        JsonObjectBuilder o = Jsonp.object().add("uid", uid).add("c", JimJson.writeContact(contact));
        if (push) {
            o.add("np", true);
        }
        return o.build();
    }

    /** {@code np}: true turns the contact's pushes on, false or left out mutes them (the seed's rule). */
    public static boolean readPush(JsonObject data) {
        var np = data.get("np");
        if (np == null || np == jakarta.json.JsonValue.NULL || np == jakarta.json.JsonValue.FALSE) {
            return false;
        }
        if (np == jakarta.json.JsonValue.TRUE) {
            return true;
        }
        throw new BodyException("np", "must be true or false");
    }
}
