package io.chorus.web.protocol.a;

import io.chorus.app.error.ErrorCode;
import io.chorus.app.json.Jsonp;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns one client text frame into an {@link InboundFrame}, or refuses it with a
 * {@link FrameRejectedException} whose code says why (SPEC §10). Thread-safe and stateless apart from
 * its limit, so one instance serves every connection.
 *
 * <p>The text frame {@code ping} is not a frame in this sense; the socket answers it before decoding.
 */
public final class FrameDecoder {
    /** The keep-alive text frame; the answer is {@link FrameEncoder#PONG}. */
    public static final String PING = "ping";
    /** Deeper JSON is refused before it is built: a cheap guard against stack-hungry payloads. */
    public static final int MAX_DEPTH = 32;

    private static final String CLIENT_ACK_PREFIX = "CLIENT_ACK";

    private final int maxPayloadBytes;
    private final JsonParserFactory parsers = Jsonp.PROVIDER.createParserFactory(Map.of());
    // A duplicated key is refused rather than silently resolved, so "from" or "to" cannot be smuggled twice.
    private final JsonReaderFactory readers =
            Jsonp.PROVIDER.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

    /** @param maxPayloadBytes the payload limit ({@code chorus.ws.max-payload-bytes}) */
    public FrameDecoder(int maxPayloadBytes) {
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive");
        }
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /**
     * Decodes a text frame from the device {@code senderDid} of user {@code senderUid}.
     *
     * @throws FrameRejectedException with MALFORMED, UNKNOWN_TYPE, INVALID_FIELD, PAYLOAD_TOO_LARGE,
     *         FORGED_SENDER or BAD_ACK
     */
    public InboundFrame decode(String text, String senderUid, String senderDid) {
        // The whole frame is measured before parsing: its payload can be no larger than the frame.
        if (Utf8.length(text) > maxPayloadBytes) {
            throw new FrameRejectedException(ErrorCode.PAYLOAD_TOO_LARGE, null,
                    "frame is larger than " + maxPayloadBytes + " bytes");
        }
        if (text.regionMatches(true, 0, CLIENT_ACK_PREFIX, 0, CLIENT_ACK_PREFIX.length())) {
            return ClientAckParser.parse(text, senderDid);
        }
        return decodeJson(text, senderUid);
    }

    private InboundFrame decodeJson(String text, String senderUid) {
        JsonObject json = parseObject(text);
        FrameFields fields = new FrameFields(json);
        ClientFrameType type = ClientFrameType.of(json.get("type"), fields.ref());
        fields.checkSender(senderUid);
        return switch (type) {
            case C2C, C2G -> chat(type.chatType, fields);
            case C2C_REVOKE, C2G_REVOKE -> new RevokeFrame(type.chatType, fields.id("id"), fields.id("to"));
            case C2C_READ, C2G_READ -> new ReadFrame(type.chatType, fields.id("to"), fields.wholeNumber("seq"));
            case C2C_TYPING, C2G_TYPING -> new TypingFrame(type.chatType, fields.id("to"));
            case C2C_EDIT, C2G_EDIT -> new EditFrame(type.chatType, fields.id("id"), fields.id("to"), fields.text("text"));
        };
    }

    private ChatFrame chat(ChatType type, FrameFields fields) {
        String id = fields.id("id");
        String to = fields.id("to");
        JsonObject payload = fields.payload();
        long createdAt = fields.epochMillis("created_at");
        // Stored and forwarded as re-serialized, which can differ in length from the client's text;
        // serialized here once, for the limit and for the store.
        String payloadJson = payload.toString();
        if (Utf8.length(payloadJson) > maxPayloadBytes) {
            throw new FrameRejectedException(ErrorCode.PAYLOAD_TOO_LARGE, id,
                    "payload is larger than " + maxPayloadBytes + " bytes");
        }
        return new ChatFrame(type, id, to, payload, payloadJson, createdAt);
    }

    private JsonObject parseObject(String text) {
        checkDepth(text);
        JsonValue value;
        try (JsonReader reader = readers.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonException e) {
            // The syntax already passed checkDepth, so this is almost always a repeated key.
            throw malformed("not valid JSON, or a key appears twice");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw malformed("a frame must be a JSON object");
        }
        return value.asJsonObject();
    }

    /** Streams through the text once, without building anything, to refuse deep nesting early. */
    private void checkDepth(String text) {
        try (JsonParser parser = parsers.createParser(new StringReader(text))) {
            int depth = 0;
            while (parser.hasNext()) {
                switch (parser.next()) {
                    case START_OBJECT, START_ARRAY -> {
                        if (++depth > MAX_DEPTH) {
                            throw malformed("JSON nested deeper than " + MAX_DEPTH + " levels");
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    default -> {
                        // scalars and keys do not change the depth
                    }
                }
            }
        } catch (JsonException e) {
            throw malformed("not valid JSON");
        }
    }

    private static FrameRejectedException malformed(String detail) {
        return new FrameRejectedException(ErrorCode.MALFORMED, null, detail);
    }

    /** The JSON frame types a client may send (SPEC §4), matched case-insensitively. */
    private enum ClientFrameType {
        C2C(ChatType.C2C), C2G(ChatType.C2G), C2C_REVOKE(ChatType.C2C), C2G_REVOKE(ChatType.C2G), C2C_EDIT(ChatType.C2C),
        C2G_EDIT(ChatType.C2G), C2C_READ(ChatType.C2C), C2G_READ(ChatType.C2G), C2C_TYPING(ChatType.C2C), C2G_TYPING(ChatType.C2G);

        private static final Map<String, ClientFrameType> BY_NAME = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

        private final ChatType chatType;

        ClientFrameType(ChatType chatType) {
            this.chatType = chatType;
        }

        static ClientFrameType of(JsonValue type, String ref) {
            if (type == null || type.getValueType() != JsonValue.ValueType.STRING) {
                throw new FrameRejectedException(ErrorCode.UNKNOWN_TYPE, ref, "type is missing");
            }
            String name = ((JsonString) type).getString().toUpperCase(Locale.ROOT);
            ClientFrameType known = BY_NAME.get(name);
            if (known == null) {
                throw new FrameRejectedException(ErrorCode.UNKNOWN_TYPE, ref, "unknown type");
            }
            return known;
        }
    }
}
