package io.chorus.web.protocol.a;

import io.chorus.app.error.ErrorCode;
import java.util.Locale;
import java.util.Set;

/**
 * Parses {@code CLIENT_ACK,<C2C|C2G|S2C>,<msgId>,<did>} strictly: exactly four comma-separated parts,
 * nothing around them. A device acknowledges only for itself, so the did must be the connection's.
 */
final class ClientAckParser {
    private static final Set<String> TYPES = Set.of("C2C", "C2G", "S2C");

    private ClientAckParser() {
    }

    static ClientAck parse(String text, String connectionDid) {
        String[] parts = text.split(",", -1);
        if (parts.length != 4 || !parts[0].equalsIgnoreCase("CLIENT_ACK")) {
            throw badAck(null, "expected CLIENT_ACK,<C2C|C2G|S2C>,<msgId>,<did>");
        }
        String msgId = parts[2];
        String ref = WireIds.isValid(msgId) ? msgId : null;
        String type = parts[1].toUpperCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw badAck(ref, "type must be C2C, C2G or S2C");
        }
        if (ref == null) {
            throw badAck(null, "msgId must be " + WireIds.RULE);
        }
        if (!parts[3].equals(connectionDid)) {
            throw badAck(ref, "did is not this connection's device");
        }
        return new ClientAck(type, msgId, parts[3]);
    }

    private static FrameRejectedException badAck(String ref, String detail) {
        return new FrameRejectedException(ErrorCode.BAD_ACK, ref, detail);
    }
}
