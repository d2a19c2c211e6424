package io.chorus.web.rest;

import io.chorus.app.error.ChorusException;
import java.util.ArrayList;
import java.util.List;

/**
 * Numeric query parameters, read as text: JAX-RS answers a parameter it cannot convert with 404,
 * which would tell the client the resource does not exist; a bad number is an invalid field.
 */
final class QueryParams {
    private QueryParams() {
    }

    static Long optionalLong(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException notANumber) {
            throw ChorusException.invalid(name + " must be a whole number");
        }
    }

    static Integer optionalInt(String name, String value) {
        Long number = optionalLong(name, value);
        if (number != null && (number > Integer.MAX_VALUE || number < Integer.MIN_VALUE)) {
            throw ChorusException.invalid(name + " is out of range");
        }
        return number == null ? null : number.intValue();
    }

    /** A comma-separated list of whole numbers ({@code 1,2,3}); absent or empty is an empty list. */
    static List<Long> longList(String name, String value) {
        List<Long> numbers = new ArrayList<>();
        if (value == null || value.isEmpty()) {
            return numbers;
        }
        for (String part : value.split(",", -1)) {
            Long number = optionalLong(name, part);
            if (number == null) {
                throw ChorusException.invalid(name + " must be whole numbers separated by commas");
            }
            numbers.add(number);
        }
        return numbers;
    }
}
