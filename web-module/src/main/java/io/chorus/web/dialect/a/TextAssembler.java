package io.chorus.web.dialect.a;

import io.chorus.web.protocol.a.Utf8;

/**
 * Joins the parts of one text message and enforces the frame limit (SPEC §10: up to 1 MiB is read
 * whole; beyond that the connection closes with 1009). Counting here, rather than trusting the
 * container's buffer setting, bounds memory the same way on every server.
 */
final class TextAssembler {
    private final long maxBytes;
    private final StringBuilder text = new StringBuilder();
    private long bytes;
    private boolean overflowed;

    TextAssembler(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Adds a part. Returns the whole message when {@code last}, null while more is to come, and
     * throws {@link TooBig} once the message passes the limit (later parts of it are then dropped).
     */
    String add(String part, boolean last) {
        if (!overflowed) {
            bytes += Utf8.length(part);
            if (bytes > maxBytes) {
                overflowed = true;
                text.setLength(0);
                text.trimToSize();
            } else {
                text.append(part);
            }
        }
        if (!last) {
            if (overflowed) {
                throw new TooBig();
            }
            return null;
        }
        boolean tooBig = overflowed;
        String whole = text.toString();
        text.setLength(0);
        bytes = 0;
        overflowed = false;
        if (tooBig) {
            throw new TooBig();
        }
        return whole;
    }

    /** The message being assembled is over the limit. */
    static final class TooBig extends RuntimeException {
        TooBig() {
            super("text message over the frame limit", null, false, false);
        }
    }
}
