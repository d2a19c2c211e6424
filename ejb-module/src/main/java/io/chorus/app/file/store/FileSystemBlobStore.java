package io.chorus.app.file.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Objects as files under one directory (by default in the server's data directory): a key
 * {@code sha256/ab/abcdef...} is the file {@code <root>/sha256/ab/abcdef...}. Writes go to a
 * temporary file beside the target and are renamed into place, so a reader never sees half an object.
 */
public class FileSystemBlobStore implements BlobStore {
    private final Path root;

    public FileSystemBlobStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toAbsolutePath().normalize();
    }

    private Path pathOf(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("key outside the store");
        }
        return path;
    }

    @Override
    public long size(String key) throws IOException {
        Path path = pathOf(key);
        return Files.isRegularFile(path) ? Files.size(path) : -1;
    }

    @Override
    public void put(String key, Path file, String mediaType) throws IOException {
        Path target = pathOf(key);
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), ".partial-", "");
        try {
            Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
            moveIntoPlace(partial, target);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public void put(String key, byte[] bytes, String mediaType) throws IOException {
        Path target = pathOf(key);
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), ".partial-", "");
        try {
            Files.write(partial, bytes);
            moveIntoPlace(partial, target);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static void moveIntoPlace(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        SeekableByteChannel channel = Files.newByteChannel(pathOf(key), StandardOpenOption.READ);
        channel.position(offset);
        InputStream in = Channels.newInputStream(channel);
        return length < 0 ? in : new BoundedInputStream(in, length);
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(pathOf(key));
    }

    @Override
    public String describe() {
        return "filesystem " + root;
    }

    /** Reads at most {@code remaining} bytes of the wrapped stream. */
    static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
