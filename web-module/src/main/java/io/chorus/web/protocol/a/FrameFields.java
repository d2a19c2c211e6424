package io.chorus.web.protocol.a;

import io.chorus.app.error.ErrorCode;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;

/**
 * Reads the fields of one parsed client frame, refusing each bad one with INVALID_FIELD and a detail
 * that names it. Every refusal carries the frame's {@code id} as {@code ref} when it has a usable one.
 */
final class FrameFields {
    private final JsonObject json;
    private final String ref;

    FrameFields(JsonObject json) {
        this.json = json;
        JsonValue id = json.get("id");
        this.ref = id instanceof JsonString s && WireIds.isValid(s.getString()) ? s.getString() : null;
    }

    String ref() {
        return ref;
    }

    /** A wire id (message id, uid, gid): required, a string of 1-64 letters, digits or {@code . _ : -}. */
    String id(String name) {
        JsonValue value = json.get(name);
        if (isAbsent(value)) {
            throw invalid(name + " is required");
        }
        if (value.getValueType() != ValueType.STRING) {
            throw invalid(name + " must be a string");
        }
        String id = ((JsonString) value).getString();
        if (!WireIds.isValid(id)) {
            throw invalid(name + " must be " + WireIds.RULE);
        }
        return id;
    }

    /** The message payload: required, an object with a non-empty string {@code msg_type}. */
    JsonObject payload() {
        JsonValue value = json.get("payload");
        if (isAbsent(value)) {
            throw invalid("payload is required");
        }
        if (value.getValueType() != ValueType.OBJECT) {
            throw invalid("payload must be an object");
        }
        JsonObject payload = value.asJsonObject();
        if (!(payload.get("msg_type") instanceof JsonString msgType) || msgType.getString().isBlank()) {
            throw invalid("payload.msg_type must be a non-empty string");
        }
        return payload;
    }

    /** A required non-empty string (an edit's {@code text}). */
    String text(String name) {
        JsonValue value = json.get(name);
        if (isAbsent(value)) {
            throw invalid(name + " is required");
        }
        if (!(value instanceof JsonString text) || text.getString().isEmpty()) {
            throw invalid(name + " must be a non-empty string");
        }
        return text.getString();
    }

    /** An epoch-millisecond time: required, a whole number from 0 to Long.MAX_VALUE. */
    long epochMillis(String name) {
        return nonNegative(name, "a whole number of epoch milliseconds");
    }

    /** A count or seq: required, a whole number from 0 to Long.MAX_VALUE. */
    long wholeNumber(String name) {
        return nonNegative(name, "a whole number, 0 or more");
    }

    private long nonNegative(String name, String rule) {
        JsonValue value = json.get(name);
        if (isAbsent(value)) {
            throw invalid(name + " is required");
        }
        if (!(value instanceof JsonNumber number) || !number.isIntegral() || number.bigDecimalValue().signum() < 0) {
            throw invalid(name + " must be " + rule);
        }
        try {
            return number.longValueExact();
        } catch (ArithmeticException tooBig) {
            throw invalid(name + " must be " + rule);
        }
    }

    /**
     * The server knows who sends, so {@code from} is redundant; it is tolerated when it tells the
     * truth and refused when it names someone else.
     */
    void checkSender(String senderUid) {
        JsonValue from = json.get("from");
        if (isAbsent(from)) {
            return;
        }
        if (from.getValueType() != ValueType.STRING) {
            throw invalid("from must be a string");
        }
        if (!((JsonString) from).getString().equals(senderUid)) {
            throw new FrameRejectedException(ErrorCode.FORGED_SENDER, ref, "from is not the connected user");
        }
    }

    private static boolean isAbsent(JsonValue value) {
        return value == null || value.getValueType() == ValueType.NULL;
    }

    private FrameRejectedException invalid(String detail) {
        return new FrameRejectedException(ErrorCode.INVALID_FIELD, ref, detail);
    }
}
