package io.chorus.app.error;

import jakarta.ejb.ApplicationException;

/**
 * An expected business failure: it carries its {@link ErrorCode} to the dialect or REST mapper and
 * rolls the transaction back, so a rejected request never changes anything.
 */
@ApplicationException(rollback = true)
public class ChorusException extends RuntimeException {
    private final ErrorCode code;
    private final long retryAfterSeconds;

    public ChorusException(ErrorCode code) {
        this(code, code.text());
    }

    public ChorusException(ErrorCode code, String detail) {
        this(code, detail, 0);
    }

    /** A refusal that a later attempt may pass: REST answers carry it as {@code Retry-After}. */
    public ChorusException(ErrorCode code, String detail, long retryAfterSeconds) {
        super(detail);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds until a retry may succeed; 0 when unknown or not applicable. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public ErrorCode code() {
        return code;
    }

    public static ChorusException invalid(String detail) {
        return new ChorusException(ErrorCode.INVALID_FIELD, detail);
    }
}
