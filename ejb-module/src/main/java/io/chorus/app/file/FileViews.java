package io.chorus.app.file;

import java.io.InputStream;

/** What the file use cases return; these records cross into the web module (JSON). */
public final class FileViews {
    private FileViews() {
    }

    /**
     * An uploaded file as its conversation's members see it: what a message payload copies
     * ({@code id}, {@code name}, {@code size}, {@code type}, {@code width}/{@code height} for images).
     */
    public record FileView(String id, String name, String type, long size, String sha256, Integer width, Integer height,
                           boolean thumbnail, String owner, long created_at) {
    }

    /** Headers of a download: {@code etag} is a quoted strong validator. */
    public record FileMeta(String name, String type, long size, String etag, boolean inline) {
    }

    /** The bytes of a download (or of its range); the caller closes the stream. */
    public record FileBody(FileMeta meta, InputStream bytes) {
    }

    /**
     * A message naming a file: its sender, and the peer ({@code group} false) or the group it goes
     * to. Allowed only for a file the sender uploaded to that very conversation and that is not revoked.
     */
    public record FileUse(String fileId, long senderId, boolean group, long target) {
    }

    /** A resumable upload: {@code offset} bytes of {@code length} received; {@code file} the file's id once complete. */
    public record UploadView(String id, long length, long offset, String file) {
    }

    /** The admin console's storage figures: every upload's bytes and files, and the largest uploaders. */
    public record StorageView(long bytes, long files, String store, java.util.List<UploaderView> largest) {
    }

    public record UploaderView(String uid, String account, long bytes, long files) {
    }

    /** A signed download link: {@code url} is relative to the server, valid until {@code expires_at} (epoch ms). */
    public record FileLink(String url, long expires_at) {
    }
}
