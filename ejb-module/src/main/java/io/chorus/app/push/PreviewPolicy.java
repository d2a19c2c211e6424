package io.chorus.app.push;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a push may show on a lock screen: the text ({@code full}), who wrote ({@code sender}), or
 * only that something came ({@code none}); per user, else the installation's.
 */
public enum PreviewPolicy {
    FULL("full"), SENDER("sender"), NONE("none");

    private final String code;

    PreviewPolicy(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<PreviewPolicy> of(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }
}
