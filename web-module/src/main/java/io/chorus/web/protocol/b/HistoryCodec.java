package io.chorus.web.protocol.b;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The history commands' JSON: {@code Cmd_GetMsg} and {@code Cmd_GetMsgBodys} answer {@code {ms}},
 * {@code Cmd_GetMsgHistory} {@code {is, os, c}}, {@code Cmd_GetRecentContact} {@code {cs: [{uc, lm}]}};
 * {@code Cmd_GetMsgBodys} asks with {@code {ids}}. Their other fields are read with {@link JimJson}.
 */
public final class HistoryCodec {
    private HistoryCodec() {
    }

    /** A recent conversation: its last message and the reader's unread count. */
    public record Recent(long unread, JimMessage last) {
    }

    /** The MIDs of a {@code Cmd_GetMsgBodys}: {@code ids}, an array of at most {@code max} MIDs. */
    public static List<Long> readMids(JsonObject data, int max) {
        JsonValue idsValue = data.get("ids");
        if (!(idsValue instanceof JsonArray array)) {
            throw new ChorusException(ErrorCode.INVALID_FIELD, "ids must be an array of MIDs");
        }
        if (array.size() > max) {
            throw new ChorusException(ErrorCode.INVALID_FIELD, "at most " + max + " ids at once");
        }
        List<Long> mids = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonObject holder = Jsonp.object().add("id", array.get(i)).build();
            mids.add(JimJson.readLong(holder, "id", 1, Long.MAX_VALUE, 0));
        }
        return mids;
    }

    /** {@code {ms}}: messages, or MessageBodies. */
    public static JsonObject messages(List<JimMessage> messages) {
        JsonArrayBuilder ms = Jsonp.array();
        messages.forEach(message -> ms.add(JimJson.writeMessage(message)));
        return Jsonp.object().add("ms", ms).build();
    }

    /** {@code {is, os, c}}: the MIDs the reader received and sent in the conversation with {@code contact}. */
    public static JsonObject history(List<Long> incoming, List<Long> outgoing, Contact contact) {
        return Jsonp.object().add("is", longs(incoming)).add("os", longs(outgoing))
                .add("c", JimJson.writeContact(contact)).build();
    }

    /** {@code {cs: [{uc, lm}]}}, in the order given. */
    public static JsonObject recentContacts(List<Recent> recents) {
        JsonArrayBuilder cs = Jsonp.array();
        for (Recent recent : recents) {
            cs.add(Jsonp.object().add("uc", recent.unread())
                    .add("lm", JimJson.writeMessage(recent.last())));
        }
        return Jsonp.object().add("cs", cs).build();
    }

    private static JsonArray longs(List<Long> values) {
        JsonArrayBuilder array = Jsonp.array();
        values.forEach(array::add);
        return array.build();
    }
}
