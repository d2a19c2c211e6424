package io.chorus.app.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chorus.app.file.store.FileSystemBlobStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlobStoreTest {
    @TempDir
    Path dir;

    @Test
    void putOpenRangeDelete() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(dir.resolve("files"));
        Path source = Files.writeString(dir.resolve("src"), "0123456789");
        store.put("sha256/ab/abc", source, "text/plain");
        assertEquals(10, store.size("sha256/ab/abc"));
        try (InputStream in = store.open("sha256/ab/abc", 3, 4)) {
            assertArrayEquals("3456".getBytes(StandardCharsets.US_ASCII), in.readAllBytes());
        }
        try (InputStream in = store.open("sha256/ab/abc", 8, -1)) {
            assertArrayEquals("89".getBytes(StandardCharsets.US_ASCII), in.readAllBytes());
        }
        store.delete("sha256/ab/abc");
        assertEquals(-1, store.size("sha256/ab/abc"));
    }

    @Test
    void keysCannotLeaveTheRoot() throws Exception {
        FileSystemBlobStore store = new FileSystemBlobStore(dir.resolve("files"));
        assertThrows(IllegalArgumentException.class, () -> store.size("../outside"));
    }
}
