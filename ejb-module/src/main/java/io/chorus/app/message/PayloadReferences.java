package io.chorus.app.message;

import io.chorus.app.error.ChorusException;
import io.chorus.app.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a message payload refers to beyond itself (issue 25, docs/PROTOCOL.md "Replies and
 * mentions"): {@code reply_to: {"seq": n, ...}}, the message of the same conversation it answers,
 * and {@code mentions: ["<uid>", ..., "@all"]}, the group members it calls. Only their shape is
 * checked here ({@code invalid_field}); whether they point at something real is the service's to
 * check against the database. A payload without either key is not parsed again: the send path pays
 * a substring search, not a JSON parse, for the common message.
 */
final class PayloadReferences {
    /** The {@code mentions} entry that mentions every member. */
    static final String ALL = "@all";
    static final int MAX_MENTIONS = 100;

    private final Long replySeq;
    private final List<String> mentionedUids;
    private final boolean mentionsAll;

    private PayloadReferences(Long replySeq, List<String> mentionedUids, boolean mentionsAll) {
        this.replySeq = replySeq;
        this.mentionedUids = mentionedUids;
        this.mentionsAll = mentionsAll;
    }

    private static final PayloadReferences NONE = new PayloadReferences(null, List.of(), false);

    /** The references of a payload (valid JSON object text); throws {@code invalid_field} for a bad shape. */
    static PayloadReferences of(String payloadJson) {
        if (!payloadJson.contains("\"reply_to\"") && !payloadJson.contains("\"mentions\"")) {
            return NONE;
        }
        JsonObject payload = Jsonp.readObject(payloadJson);
        Long reply = null;
        JsonValue replyTo = payload.get("reply_to");
        if (replyTo != null && replyTo != JsonValue.NULL) {
            JsonValue seq = replyTo instanceof JsonObject o ? o.get("seq") : null;
            if (!(seq instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 1) {
                throw ChorusException.invalid("payload.reply_to must be an object with a whole number seq of at least 1");
            }
            reply = n.longValue();
        }
        List<String> uids = new ArrayList<>();
        boolean all = false;
        JsonValue mentions = payload.get("mentions");
        if (mentions != null && mentions != JsonValue.NULL) {
            if (!(mentions instanceof JsonArray array) || array.isEmpty() || array.size() > MAX_MENTIONS) {
                throw ChorusException.invalid("payload.mentions must be an array of 1-" + MAX_MENTIONS + " uids or \"@all\"");
            }
            for (JsonValue entry : array) {
                if (!(entry instanceof JsonString s) || s.getString().isEmpty()) {
                    throw ChorusException.invalid("payload.mentions must hold uids or \"@all\" (strings)");
                }
                if (ALL.equals(s.getString())) {
                    all = true;
                } else if (!uids.contains(s.getString())) {
                    uids.add(s.getString());
                }
            }
        }
        return new PayloadReferences(reply, List.copyOf(uids), all);
    }

    Optional<Long> replySeq() {
        return Optional.ofNullable(replySeq);
    }

    List<String> mentionedUids() {
        return mentionedUids;
    }

    boolean mentionsAll() {
        return mentionsAll;
    }

    boolean mentionsAnyone() {
        return mentionsAll || !mentionedUids.isEmpty();
    }
}
