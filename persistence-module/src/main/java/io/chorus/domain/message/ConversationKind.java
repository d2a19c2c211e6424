package io.chorus.domain.message;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a conversation holds. Each kind has the code stored in {@code conversation.kind}, which is
 * also the frame type of dialect A ({@code C2C}, {@code S2C}, {@code C2G}); a value type that crosses
 * the module boundaries, unlike the entities.
 */
public enum ConversationKind {
    /** Two users' messages. */
    DIRECT("C2C"),
    /** A user's stored server notices; both user columns hold the user. */
    NOTICES("S2C"),
    /** A group's messages. */
    GROUP("C2G"),
    /** A group's stored notices: stored once per event, delivered to members as {@code S2C} notices. */
    GROUP_NOTICES("S2G");

    private static final Map<String, ConversationKind> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ConversationKind::code, Function.identity()));

    private final String code;

    ConversationKind(String code) {
        this.code = code;
    }

    /** The stored code, and the frame type of dialect A. */
    public String code() {
        return code;
    }

    /** The kind with this stored code; an unknown code is a programming error. */
    public static ConversationKind ofCode(String code) {
        ConversationKind kind = BY_CODE.get(code);
        if (kind == null) {
            throw new IllegalArgumentException("No conversation kind " + code);
        }
        return kind;
    }

    /**
     * The kind a device acknowledges this kind's messages with: notices, whether the user's own or
     * a group's, are all {@code S2C} on the wire.
     */
    public ConversationKind wireType() {
        return this == GROUP_NOTICES ? NOTICES : this;
    }

    public boolean isNotice() {
        return this == NOTICES || this == GROUP_NOTICES;
    }
}
