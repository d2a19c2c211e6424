package io.chorus.web.protocol.b;

/**
 * A JIM packet's JSON data is not what its command takes. The message names the field and the rule,
 * never the value: it may be a password or a message's text.
 */
public final class BodyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public BodyException(String field, String rule) {
        super(field + " " + rule);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
