package io.chorus.app.file.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where file bytes live: objects named by a key, written whole from a spooled local file and read
 * whole or by byte range. Keys are derived from content hashes, so an object never changes once
 * written; writing a key that exists is skipped by the caller, not overwritten.
 */
public interface BlobStore {
    /** The object's size in bytes, or -1 if there is no such object. */
    long size(String key) throws IOException;

    /** Stores the file's bytes under the key; the object appears whole or not at all. */
    void put(String key, Path file, String mediaType) throws IOException;

    /** Small objects (thumbnails) written from memory. */
    void put(String key, byte[] bytes, String mediaType) throws IOException;

    /** The object's bytes from {@code offset}, {@code length} of them (-1: to the end). */
    InputStream open(String key, long offset, long length) throws IOException;

    void delete(String key) throws IOException;

    /** What the store is, for logs and the admin console (no credentials). */
    String describe();
}
