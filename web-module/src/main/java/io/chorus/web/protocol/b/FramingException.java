package io.chorus.web.protocol.b;

import java.util.List;

/**
 * The byte stream of a dialect B connection broke the JIM framing (SPEC §10: such garbage closes that
 * connection only). Once thrown, the decoder that threw it refuses all further input.
 *
 * <p>Unchecked, because the only sensible reaction is the session's single close path. The message is a
 * short reason meant for logs; it never quotes the offending bytes.
 */
public final class FramingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    // Not serialised: packets are transient connection state, and Packet is not Serializable.
    private final transient List<Packet> completedBefore;

    FramingException(String reason, List<Packet> completedBefore) {
        super(reason);
        this.completedBefore = List.copyOf(completedBefore);
    }

    /**
     * The packets the failing chunk completed before the broken byte, in order. A TCP peer of the Go
     * server would have had them dispatched before the garbage arrived; the session may do the same
     * before it closes, or drop them.
     */
    public List<Packet> completedBefore() {
        return completedBefore == null ? List.of() : completedBefore;
    }
}
