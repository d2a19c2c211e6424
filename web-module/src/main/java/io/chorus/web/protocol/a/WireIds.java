package io.chorus.web.protocol.a;

import java.util.regex.Pattern;

/**
 * The shape of every id on the wire (message ids, uids, gids, dids): the same alphabet as device ids,
 * without commas, so any id can travel inside a {@code CLIENT_ACK} text frame.
 */
final class WireIds {
    static final int MAX_LENGTH = 64;
    static final String RULE = "1-64 letters, digits or . _ : -";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_LENGTH + "}");

    private WireIds() {
    }

    static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
