package io.chorus.app.error;

import jakarta.ejb.ApplicationException;

/**
 * An expected business failure: it carries its {@link ErrorCode} to the dialect or REST mapper and
 * rolls the transaction back, so a rejected request never changes anything.
 */
@ApplicationException(rollback = true)
public class ChorusException extends RuntimeException {
    private final ErrorCode code;

    public ChorusException(ErrorCode code) {
        this(code, code.text());
    }

    public ChorusException(ErrorCode code, String detail) {
        super(detail);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static ChorusException invalid(String detail) {
        return new ChorusException(ErrorCode.INVALID_FIELD, detail);
    }
}
