package io.chorus.app.work;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/** What a test may say about log records: that a string appears nowhere in them. */
public final class LogAssertions {
    private LogAssertions() {
    }

    /**
     * {@code secret} is in no record's message (raw or formatted), parameter, or thrown exception
     * (its message, its causes' and suppressed ones', its stack trace as printed).
     */
    public static void assertNoneContains(List<LogRecord> records, String secret) {
        SimpleFormatter formatter = new SimpleFormatter();
        for (LogRecord record : records) {
            assertFalse(String.valueOf(record.getMessage()).contains(secret), "message: " + record.getMessage());
            assertFalse(formatter.format(record).contains(secret), "formatted record");
            if (record.getParameters() != null) {
                assertFalse(Arrays.stream(record.getParameters()).map(String::valueOf).anyMatch(p -> p.contains(secret)),
                        "parameters");
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                assertFalse(trace.toString().contains(secret), "thrown: " + record.getThrown());
            }
        }
    }
}
