package io.chorus.app.file;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import java.util.Optional;

/**
 * One byte range of an HTTP {@code Range} header (RFC 9110 §14): {@code bytes=a-b}, {@code bytes=a-}
 * or {@code bytes=-n}. Several ranges, other units or a malformed header are ignored (the whole
 * file is served, as the RFC allows); a range that starts past the end is not satisfiable (416).
 */
public record ByteRange(long first, long last) {
    public long length() {
        return last - first + 1;
    }

    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return Optional.empty();
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            String from = spec.substring(0, dash).trim();
            String to = spec.substring(dash + 1).trim();
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                if (suffix <= 0) {
                    throw unsatisfiable(size);
                }
                return size == 0 ? Optional.empty() : Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(from);
            long last = to.isEmpty() ? size - 1 : Math.min(Long.parseLong(to), size - 1);
            if (first < 0 || (!to.isEmpty() && Long.parseLong(to) < first)) {
                return Optional.empty();
            }
            if (first >= size) {
                throw unsatisfiable(size);
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static ChorusException unsatisfiable(long size) {
        return new ChorusException(ErrorCode.RANGE_NOT_SATISFIABLE, "The file has " + size + " bytes.");
    }
}
