package io.chorus.web.protocol.b;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * docs/PROTOCOL.md names every dialect B golden vector with its field line, and quotes the worked
 * example byte for byte, so the docs cannot drift from the codec.
 */
class ProtocolDocDialectBTest {
    // Surefire runs in the module directory; the docs live at the project root.
    private static final Path PROTOCOL_MD = Path.of("..", "docs", "PROTOCOL.md");
    private static final String WORKED_EXAMPLE = "msg_response.hex";

    @TestFactory
    Stream<DynamicTest> protocolDoc_namesEveryGoldenVectorWithItsFieldLine() throws IOException {
        List<String> lines = Files.readAllLines(PROTOCOL_MD, StandardCharsets.UTF_8);
        String doc = String.join("\n", lines);
        List<GoldenVectors.Vector> vectors = GoldenVectors.all();
        assertFalse(vectors.isEmpty(), "no golden vectors found");
        return vectors.stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            assertTrue(doc.contains("golden/b/" + v.name()), "PROTOCOL.md does not name " + v.name());
            assertTrue(doc.contains(v.fieldLine()), "PROTOCOL.md does not quote the field line of " + v.name());
        }));
    }

    @Test
    void protocolDoc_quotesTheWorkedExampleVerbatim() throws IOException {
        List<String> lines = Files.readAllLines(PROTOCOL_MD, StandardCharsets.UTF_8);
        for (String line : GoldenVectors.read(WORKED_EXAMPLE).lines()) {
            assertTrue(lines.contains(line), "PROTOCOL.md does not quote this line of " + WORKED_EXAMPLE + ": " + line);
        }
    }
}
