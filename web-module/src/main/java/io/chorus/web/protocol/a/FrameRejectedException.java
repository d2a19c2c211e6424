package io.chorus.web.protocol.a;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;

/**
 * A client frame the decoder refused. Besides the code it carries {@code ref}, the frame's {@code id}
 * when the decoder got far enough to read one, so the error frame can say which frame it answers.
 */
public final class FrameRejectedException extends ChorusException {
    private final String ref;

    public FrameRejectedException(ErrorCode code, String ref, String detail) {
        super(code, detail);
        this.ref = ref;
    }

    /** The rejected frame's id, or {@code null} when it had none (or could not be parsed). */
    public String ref() {
        return ref;
    }
}
