package io.chorus.app.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The one error catalogue: every entry is told apart on the wire and in REST problems by its
 * {@code reason} (the wire code is shared on purpose: 1 means "log and ignore" for most of them),
 * files under an HTTP error status, and is documented in docs/REST.md's error table with the same
 * code and status. The reasons docs/PROTOCOL.md lists for {@code /ws} must exist with the same code.
 */
class ErrorCatalogueTest {
    // Surefire runs in the module directory; the docs live at the project root.
    private static final Path REST_MD = Path.of("..", "docs", "REST.md");
    private static final Path PROTOCOL_MD = Path.of("..", "docs", "PROTOCOL.md");
    /** A table row; its first cell is a word, code-quoted or not: {@code | `reason` | ...}, {@code | 705 | ...}. */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`?([^`|\\s]+)`?\\s*\\|(.*)\\|\\s*$");
    private static final Pattern REASON = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    record Row(String reason, List<String> cells) {
        int cell(int index) {
            return Integer.parseInt(cells.get(index).strip());
        }
    }

    @Test
    void reasons_areUnique() {
        Map<String, List<ErrorCode>> byReason = Arrays.stream(ErrorCode.values())
                .collect(Collectors.groupingBy(ErrorCode::reason));
        byReason.forEach((reason, codes) -> assertEquals(1, codes.size(), "reason " + reason + " is shared by " + codes));
    }

    @Test
    void reasons_areLowerSnakeCase_soTheyMakeAProblemTypeUrn() {
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(REASON.matcher(code.reason()).matches(), code + " has reason '" + code.reason() + "'");
        }
    }

    @Test
    void everyCode_hasAnHttpErrorStatus() {
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(code.httpStatus() >= 400 && code.httpStatus() <= 599, code + " has HTTP status " + code.httpStatus());
        }
    }

    @Test
    void everyCode_hasAText() {
        for (ErrorCode code : ErrorCode.values()) {
            assertNotNull(code.text(), code.name());
            assertFalse(code.text().isBlank(), code + " has no text");
        }
    }

    @Test
    void everyWireCode_isOneTheProtocolTellsClientsWhatToDoWith() throws IOException {
        Set<Integer> documented = rows(PROTOCOL_MD, "### Codes: what the client does", "| `code` |").stream()
                .map(row -> Integer.parseInt(row.reason())).collect(Collectors.toSet());
        assertFalse(documented.isEmpty(), "PROTOCOL.md's table of codes was not found");
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(documented.contains(code.wireCode()), code + " has wire code " + code.wireCode()
                    + ", which PROTOCOL.md does not explain to clients");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCode_isDocumentedInRestMd_withItsCodeAndStatus() throws IOException {
        Map<String, Row> documented = restCatalogue();
        return Arrays.stream(ErrorCode.values()).map(code -> DynamicTest.dynamicTest(code.reason(), () -> {
            Row row = documented.get(code.reason());
            assertNotNull(row, "docs/REST.md's error table has no row for " + code.reason() + " (" + code + ")");
            assertEquals(code.wireCode(), row.cell(0), "code of " + code.reason() + " in docs/REST.md");
            assertEquals(code.httpStatus(), row.cell(1), "HTTP status of " + code.reason() + " in docs/REST.md");
            assertFalse(row.cells().get(2).isBlank(), "docs/REST.md does not say when " + code.reason() + " happens");
        }));
    }

    @Test
    void restMd_documentsOnlyCodesThatExist_eachOnce() throws IOException {
        Set<String> reasons = Arrays.stream(ErrorCode.values()).map(ErrorCode::reason).collect(Collectors.toSet());
        List<Row> rows = rows(REST_MD, "## Errors", "| reason |");
        List<String> seen = new ArrayList<>();
        for (Row row : rows) {
            assertTrue(reasons.contains(row.reason()), "docs/REST.md documents " + row.reason() + ", which ErrorCode does not have");
            assertFalse(seen.contains(row.reason()), "docs/REST.md documents " + row.reason() + " twice");
            seen.add(row.reason());
        }
    }

    @Test
    void protocolMd_wsReasons_existWithTheirCode() throws IOException {
        Map<String, ErrorCode> byReason = Arrays.stream(ErrorCode.values())
                .collect(Collectors.toMap(ErrorCode::reason, Function.identity()));
        List<Row> rows = rows(PROTOCOL_MD, "### Reasons on `/ws`", "| `reason` |");
        assertFalse(rows.isEmpty(), "PROTOCOL.md's table of /ws reasons was not found");
        for (Row row : rows) {
            ErrorCode code = byReason.get(row.reason());
            assertNotNull(code, "PROTOCOL.md lists /ws reason " + row.reason() + ", which ErrorCode does not have");
            assertEquals(code.wireCode(), row.cell(0), "code of " + row.reason() + " in PROTOCOL.md");
        }
    }

    private static Map<String, Row> restCatalogue() throws IOException {
        Map<String, Row> byReason = new HashMap<>();
        rows(REST_MD, "## Errors", "| reason |").forEach(row -> byReason.putIfAbsent(row.reason(), row));
        assertFalse(byReason.isEmpty(), "docs/REST.md's error table was not found");
        return byReason;
    }

    /**
     * The rows of the first table after {@code heading} whose header line starts with {@code header}:
     * each row's first cell (unquoted) and its other cells, split at unescaped pipes.
     */
    private static List<Row> rows(Path doc, String heading, String header) throws IOException {
        List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
        int at = lines.indexOf(heading);
        assertTrue(at >= 0, doc + " has no heading '" + heading + "'");
        while (at < lines.size() && !lines.get(at).startsWith(header)) {
            at++;
        }
        assertTrue(at < lines.size(), doc + " has no table '" + header + "' after '" + heading + "'");
        List<Row> rows = new ArrayList<>();
        // Skip the header and the |---| line; the table ends at the first line that is not a row.
        for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            Matcher row = ROW.matcher(lines.get(i));
            assertTrue(row.matches(), doc + " line " + (i + 1) + " is not a catalogue row: " + lines.get(i));
            List<String> cells = List.of(row.group(2).split("(?<!\\\\)\\|", -1));
            rows.add(new Row(row.group(1), cells));
        }
        return rows;
    }
}
