package io.chorus.app.error;

/** Small input rules shared by the use cases; each failure names the field. */
public final class InputRules {
    private InputRules() {
    }

    /** A value of at most {@code max} characters without control characters; null passes. */
    public static String printable(String field, String value, int max) {
        if (value != null && (value.length() > max || value.chars().anyMatch(Character::isISOControl))) {
            throw ChorusException.invalid(field + " must be at most " + max + " printable characters");
        }
        return value;
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw ChorusException.invalid(field + " is required");
        }
        return value;
    }
}
