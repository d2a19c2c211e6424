package io.chorus.web.protocol.a;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** docs/PROTOCOL.md quotes every golden file, verbatim and by name, so the docs cannot drift from the codec. */
class ProtocolDocTest {
    // Surefire runs in the module directory; the docs live at the project root.
    private static final Path PROTOCOL_MD = Path.of("..", "docs", "PROTOCOL.md");

    @TestFactory
    Stream<DynamicTest> protocolDoc_quotesEveryGoldenFileVerbatim() throws IOException {
        List<String> lines = Files.readAllLines(PROTOCOL_MD, StandardCharsets.UTF_8);
        String doc = String.join("\n", lines);
        List<String> goldens = GoldenFiles.names();
        assertFalse(goldens.isEmpty(), "no golden files found");
        return goldens.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            assertTrue(doc.contains("golden/a/" + name), "PROTOCOL.md does not name " + name);
            assertTrue(lines.contains(GoldenFiles.read(name)), "PROTOCOL.md does not quote " + name + " verbatim");
        }));
    }
}
