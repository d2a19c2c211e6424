package io.chorus.web.protocol.a;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The dialect A golden files under {@code src/test/resources/golden/a}: one frame per file, one line. */
final class GoldenFiles {
    static final String SENDER_UID = "Qm3xT9aZ";
    static final String SENDER_DID = "iphone-7f3a";
    static final long NOW = 1763890000123L;

    private GoldenFiles() {
    }

    /** The frame in {@code name}, without the file's final line break. */
    static String read(String name) {
        try {
            String text = Files.readString(directory().resolve(name), StandardCharsets.UTF_8);
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> names() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path directory() {
        URL url = GoldenFiles.class.getResource("/golden/a");
        if (url == null) {
            throw new IllegalStateException("golden/a is not on the test class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
