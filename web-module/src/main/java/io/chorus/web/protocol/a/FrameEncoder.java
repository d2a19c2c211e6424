package io.chorus.web.protocol.a;

import io.chorus.app.error.ErrorCode;
import io.chorus.app.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes the server's frames. Every frame carries {@code server_ts}; fields are written in one fixed
 * order per frame (the golden files pin it), and the client's payload objects are copied as parsed.
 *
 * <p>Frames about something stored (messages, acks, revokes, notices) take the stored time; error
 * frames are about now and take it from the clock. Thread-safe.
 */
public final class FrameEncoder {
    /** The answer to the text frame {@link FrameDecoder#PING}. */
    public static final String PONG = "pong2";

    private final Clock clock;
    private final JsonGeneratorFactory generators = Jsonp.PROVIDER.createGeneratorFactory(Map.of());
    private final JsonObject peerRevoked = Jsonp.object()
            .add("msg_type", "custom")
            .add("custom_type", "peer_revoked")
            .build();

    public FrameEncoder(Clock clock) {
        this.clock = clock;
    }

    /** An error answering frame {@code ref} (null when there is none), with the catalogue's text. */
    public String error(ErrorCode code, String ref) {
        return error(code, ref, code.text());
    }

    /**
     * {@code {"type":"error","code","payload":{"ref","reason","content"},"server_ts"}}: {@code code} is
     * what the client acts on (1 log and ignore, 705 refresh, 706 log in again), {@code reason} the
     * machine code, {@code content} text for people.
     */
    public String error(ErrorCode code, String ref, String content) {
        return frame(g -> {
            g.write("type", "error");
            g.write("code", code.wireCode());
            g.writeStartObject("payload");
            writeNullable(g, "ref", ref);
            g.write("reason", code.reason());
            g.write("content", content);
            g.writeEnd();
            g.write("server_ts", clock.millis());
        });
    }

    /** {@code {"type":"C2C_SERVER_ACK","id","server_ts","seq"}}: message {@code id} is committed. */
    public String serverAck(ChatType type, String id, long serverTs, long seq) {
        return frame(g -> {
            g.write("type", type.serverAckType());
            g.write("id", id);
            g.write("server_ts", serverTs);
            g.write("seq", seq);
        });
    }

    /** {@code {"id","type","from","to","payload","created_at","server_ts","seq"}}. */
    public String message(OutboundMessage message) {
        return frame(g -> {
            g.write("id", message.id());
            g.write("type", message.type().messageType());
            g.write("from", message.from());
            g.write("to", message.to());
            g.write("payload", message.payload());
            g.write("created_at", message.createdAt());
            g.write("server_ts", message.serverTs());
            g.write("seq", message.seq());
        });
    }

    /**
     * {@code {"id","type":"C2C_REVOKE","from","to","payload":{"msg_type":"custom","custom_type":"peer_revoked"},"server_ts"}}:
     * tells a recipient that {@code from} took message {@code id} back.
     */
    public String revoke(ChatType type, String id, String from, String to, long serverTs) {
        return frame(g -> {
            g.write("id", id);
            g.write("type", type.revokeType());
            g.write("from", from);
            g.write("to", to);
            g.write("payload", peerRevoked);
            g.write("server_ts", serverTs);
        });
    }

    /** {@code {"type":"C2C_REVOKE_ACK","id","server_ts"}}: the author's revoke of {@code id} is committed. */
    public String revokeAck(ChatType type, String id, long serverTs) {
        return frame(g -> {
            g.write("type", type.revokeAckType());
            g.write("id", id);
            g.write("server_ts", serverTs);
        });
    }

    /** {@code {"type":"C2C_EDIT_ACK","id","seq","server_ts"}}: the edit is committed; {@code server_ts} is when it was made. */
    public String editAck(ChatType type, String id, long seq, long editedAt) {
        return frame(g -> {
            g.write("type", type.editAckType());
            g.write("id", id);
            g.write("seq", seq);
            g.write("server_ts", editedAt);
        });
    }

    /**
     * {@code {"type":"C2C_READ","from","to","seq","unread"?,"server_ts"}}: {@code from} read its
     * conversation with {@code to} up to {@code seq}. To the reader's other devices with its
     * {@code unread} count now; to a one-to-one peer (a read receipt) without it (null).
     */
    public String read(ChatType type, String from, String to, long seq, Long unread, long serverTs) {
        return frame(g -> {
            g.write("type", type.readType());
            g.write("from", from);
            g.write("to", to);
            g.write("seq", seq);
            if (unread != null) {
                g.write("unread", unread);
            }
            g.write("server_ts", serverTs);
        });
    }

    /**
     * {@code {"type":"C2C_DELIVERED","from","to","seq","server_ts"}}: a device of {@code from} has
     * {@code to}'s one-to-one messages up to {@code seq}.
     */
    public String delivered(String from, String to, long seq, long serverTs) {
        return frame(g -> {
            g.write("type", ChatType.DELIVERED_TYPE);
            g.write("from", from);
            g.write("to", to);
            g.write("seq", seq);
            g.write("server_ts", serverTs);
        });
    }

    /**
     * {@code {"type":"C2C_TYPING","from","to","expires_in","server_ts"}}: {@code from} is typing to
     * {@code to} (this user, or the group); show it for {@code expires_in} ms unless told again.
     */
    public String typing(ChatType type, String from, String to, long expiresInMillis, long serverTs) {
        return frame(g -> {
            g.write("type", type.typingType());
            g.write("from", from);
            g.write("to", to);
            g.write("expires_in", expiresInMillis);
            g.write("server_ts", serverTs);
        });
    }

    /** {@code {"id","type":"S2C","from","to","payload":{"msg_type",...},"server_ts"}}. */
    public String notice(Notice notice) {
        return frame(g -> {
            g.write("id", notice.id());
            g.write("type", "S2C");
            writeNullable(g, "from", notice.from());
            g.write("to", notice.to());
            g.write("payload", notice.payload());
            g.write("server_ts", notice.serverTs());
        });
    }

    /**
     * {@code {"id","type":"S2C","from":<friend>,"to","payload":{"msg_type":"online|offline|hide"},"server_ts"}}:
     * friend {@code from} changed presence. Not stored, so the id is only unique enough to log.
     */
    public String presence(String from, String to, String state, long serverTs) {
        return frame(g -> {
            g.write("id", state + "_" + from + "_" + serverTs);
            g.write("type", "S2C");
            g.write("from", from);
            g.write("to", to);
            g.writeStartObject("payload");
            g.write("msg_type", state);
            g.writeEnd();
            g.write("server_ts", serverTs);
        });
    }

    /**
     * {@code {"id":"logged_another_device","type":"S2C","from":<uid>,"to":<uid>,"payload":{"msg_type":"logged_another_device","did","dname"},"server_ts"}}:
     * another device of the user came online (the Erlang server's fixed id). {@code dname} is left
     * out when the device has none.
     */
    public String loggedAnotherDevice(String uid, String did, String dname, long serverTs) {
        return frame(g -> {
            g.write("id", "logged_another_device");
            g.write("type", "S2C");
            g.write("from", uid);
            g.write("to", uid);
            g.writeStartObject("payload");
            g.write("msg_type", "logged_another_device");
            g.write("did", did);
            if (dname != null) {
                g.write("dname", dname);
            }
            g.writeEnd();
            g.write("server_ts", serverTs);
        });
    }

    /**
     * {@code {"id":<ref>,"type":"S2C","from":"","to","payload":{"msg_type":<msgType>},"server_ts"}}: the
     * Erlang server's answer to a message the friendship gate refused ({@code not_a_friend},
     * {@code in_denylist}); {@code id} names the refused message. About now, so the clock's time.
     */
    public String refusalNotice(String ref, String to, String msgType) {
        return frame(g -> {
            g.write("id", ref);
            g.write("type", "S2C");
            g.write("from", "");
            g.write("to", to);
            g.writeStartObject("payload");
            g.write("msg_type", msgType);
            g.writeEnd();
            g.write("server_ts", clock.millis());
        });
    }

    private String frame(Consumer<JsonGenerator> fields) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = generators.createGenerator(out)) {
            g.writeStartObject();
            fields.accept(g);
            g.writeEnd();
        }
        return out.toString();
    }

    private static void writeNullable(JsonGenerator g, String name, String value) {
        if (value == null) {
            g.writeNull(name);
        } else {
            g.write(name, value);
        }
    }
}
