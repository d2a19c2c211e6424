package io.chorus.web.protocol.b;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dialect B golden vectors under {@code src/test/resources/golden/b}: one packet per file, a first
 * line {@code # key=0x.. cmd=0x.. type=N code=N sid=0x.... data=<JSON>} naming the fields, then the
 * wire bytes as hex, sixteen to a line. The field line is parsed, not just read, so it cannot lie.
 */
final class GoldenVectors {
    private static final Pattern FIELDS = Pattern.compile(
            "# key=0x(\\p{XDigit}{2}) cmd=0x(\\p{XDigit}{2}) type=(\\d) code=(-?\\d+) sid=0x(\\p{XDigit}{4}) data=(.*)");

    /** One golden file: its name, the packet its field line describes, and its wire bytes. */
    record Vector(String name, String fieldLine, Packet packet, byte[] wire, List<String> lines) {
        @Override
        public String toString() {
            return name;
        }
    }

    private GoldenVectors() {
    }

    static Vector read(String name) {
        List<String> lines = lines(name);
        Matcher fields = FIELDS.matcher(lines.get(0));
        if (!fields.matches()) {
            throw new IllegalStateException(name + ": first line does not name the fields");
        }
        PacketType type = PacketType.of(Integer.parseInt(fields.group(3)))
                .orElseThrow(() -> new IllegalStateException(name + ": bad type"));
        Packet packet = new Packet(Integer.parseInt(fields.group(1), 16), Integer.parseInt(fields.group(2), 16),
                type, Integer.parseInt(fields.group(4)), Integer.parseInt(fields.group(5), 16),
                fields.group(6).getBytes(StandardCharsets.UTF_8));
        String hex = String.join("", lines.subList(1, lines.size())).replace(" ", "");
        return new Vector(name, lines.get(0), packet, HexFormat.of().parseHex(hex), lines);
    }

    static List<Vector> all() {
        return names().stream().map(GoldenVectors::read).toList();
    }

    static List<String> names() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".hex")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(String name) {
        try {
            return Files.readAllLines(directory().resolve(name), StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory() {
        URL url = GoldenVectors.class.getResource("/golden/b");
        if (url == null) {
            throw new IllegalStateException("golden/b is not on the test class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
