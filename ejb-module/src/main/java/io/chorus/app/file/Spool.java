package io.chorus.app.file;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Copies an upload to a local temporary file in 64 KiB steps, computing its SHA-256 and counting
 * its bytes on the way, so a file of any size costs one buffer of heap. A body over the limit is
 * refused as soon as the limit is crossed, and its temporary file removed.
 */
public final class Spool {
    private static final int BUFFER = 64 * 1024;

    private Spool() {
    }

    /** A complete upload on local disk; the caller deletes the file. */
    public record Spooled(Path file, long size, String sha256) {
    }

    public static Spooled copy(InputStream body, Path directory, long maxBytes) throws IOException {
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, "upload-", ".part");
        boolean complete = false;
        try {
            MessageDigest sha = sha256();
            long size = 0;
            byte[] buffer = new byte[BUFFER];
            try (OutputStream out = Files.newOutputStream(file)) {
                int n;
                while ((n = body.read(buffer)) >= 0) {
                    size += n;
                    if (size > maxBytes) {
                        throw new ChorusException(ErrorCode.PAYLOAD_TOO_LARGE, "Files are limited to " + maxBytes + " bytes.");
                    }
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            complete = true;
            return new Spooled(file, size, HexFormat.of().formatHex(sha.digest()));
        } finally {
            if (!complete) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Like {@link #copy}, but a body cut off by the client (an {@link IOException} while reading)
     * keeps what arrived: a resumable upload's client goes on from there. {@code file} is null
     * when nothing arrived.
     */
    public static Spooled copyWhatArrives(InputStream body, Path directory, long maxBytes) throws IOException {
        Files.createDirectories(directory);
        Path file = Files.createTempFile(directory, "part-", ".part");
        boolean keep = false;
        try {
            long size = 0;
            byte[] buffer = new byte[BUFFER];
            try (OutputStream out = Files.newOutputStream(file)) {
                int n;
                while (true) {
                    try {
                        n = body.read(buffer);
                    } catch (IOException cut) {
                        break;
                    }
                    if (n < 0) {
                        break;
                    }
                    size += n;
                    if (size > maxBytes) {
                        throw new ChorusException(ErrorCode.PAYLOAD_TOO_LARGE, "The upload has only " + maxBytes + " bytes left to send.");
                    }
                    out.write(buffer, 0, n);
                }
            }
            keep = size > 0;
            return new Spooled(keep ? file : null, size, null);
        } finally {
            if (!keep) {
                Files.deleteIfExists(file);
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
