package io.chorus.web.protocol.b;

import io.chorus.app.error.ErrorCode;
import io.chorus.app.json.Jsonp;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * {@code Cmd_Msg}: a client's Request is a {@link JimMessage}; the Response {@code {oid, mid}}, or the
 * Go server's refusal {@code mid: 0} with the reason added; and a stored message as JIM shows it, in
 * the Requests the server sends and in the history commands' answers.
 */
public final class MsgCodec {
    private MsgCodec() {
    }

    /** The message of a client's {@code Cmd_Msg} Request. */
    public static JimMessage readRequest(byte[] data) {
        return JimJson.readMessage(JimJson.readObject(data));
    }

    /** The Response to a stored {@code Cmd_Msg}: the client's id {@code oid} and the MID. */
    public static JsonObject response(long oid, long mid) {
        return Jsonp.object().add("oid", oid).add("mid", mid).build();
    }

    /** The Response to a refused {@code Cmd_Msg}: {@code mid} 0, and why, from the error catalogue. */
    public static JsonObject refusal(long oid, ErrorCode code, String content) {
        var refusal = Jsonp.object().add("oid", oid).add("mid", 0).add("reason", code.reason());
        return (content == null ? refusal : refusal.add("content", content)).build();
    }

    /**
     * A stored message as JIM shows it (SPEC §6): one-to-one from its author to the peer; a group's
     * copy from the group to the reader, with the author in {@code ar}. {@code st} is the server's
     * time, the instant dialect A sees as {@code server_ts}; {@code id} is the MID. Without
     * {@code withAddress} it is the MessageBody of {@code Cmd_GetMsgBodys} (no {@code fr}, {@code to}).
     *
     * @param group whether it is a group's message
     * @param toId the peer (seen from the author) or the group
     */
    public static JimMessage message(boolean group, long authorId, long toId, long readerId, long serverTs, long mid,
                                     String payloadJson, boolean withAddress) {
        Contact author = Contact.user(authorId);
        Contact from = group ? Contact.group(toId) : author;
        Contact to = group ? Contact.user(readerId) : Contact.user(toId);
        return new JimMessage(withAddress ? from : null, withAddress ? to : null, List.of(), author, 0, serverTs, mid,
                ContentMapping.toDialectB(Jsonp.readObject(payloadJson)));
    }
}
