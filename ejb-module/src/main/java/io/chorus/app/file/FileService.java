package io.chorus.app.file;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.file.FileCatalog.Readable;
import io.chorus.app.file.FileCatalog.Scope;
import io.chorus.app.file.FileViews.FileBody;
import io.chorus.app.file.FileViews.FileMeta;
import io.chorus.app.file.FileViews.FileView;
import io.chorus.app.file.ImageCheck.Dimensions;
import io.chorus.app.file.Spool.Spooled;
import io.chorus.app.file.store.BlobStore;
import io.chorus.app.identity.PublicIds;
import io.chorus.domain.file.Attachment;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.apache.tika.Tika;

/**
 * Uploading and reading files (docs/FILES.md). An upload is spooled to local disk while its SHA-256
 * is computed, its media type is detected from its content, then its bytes go to the store under a
 * key made of the hash (the same bytes are stored once) and its metadata is recorded. No transaction
 * is open while bytes move: only {@link FileCatalog}'s short ones. A refused upload leaves nothing:
 * neither a row nor, unless another file has the same bytes, an object.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FileService {
    private static final Logger LOG = Logger.getLogger(FileService.class.getName());
    private static final Tika TIKA = new Tika();
    static final int MAX_NAME = 255;

    @Inject
    FileCatalog catalog;

    @Inject
    FileSettings settings;

    @Inject
    BlobStore store;

    @Inject
    Thumbnailer thumbnails;

    @Inject
    FileLinks links;

    @Inject
    PublicIds ids;

    /** The installation's size limit, for refusing a body by its {@code Content-Length} before reading it. */
    public long maxBytes() {
        return settings.maxBytes();
    }

    public FileView upload(Caller caller, String type, String id, String name, InputStream body) {
        String fileName = cleanName(name);
        Scope scope = catalog.scope(caller, type, id);
        Spooled spooled;
        try {
            spooled = Spool.copy(body, settings.spoolDir(), settings.maxBytes());
        } catch (IOException e) {
            throw new ChorusException(ErrorCode.MALFORMED, "The upload ended before its body was complete.");
        }
        return store(caller, scope, fileName, spooled);
    }

    /**
     * Turns a complete spooled upload into a file: type, policy, image check, the store, the
     * record. Takes the spool file over (deletes it, or hands it to the thumbnailer).
     */
    public FileView store(Caller caller, Scope scope, String fileName, Spooled spooled) {
        boolean handedOver = false;
        try {
            String mediaType = detect(spooled.file(), fileName);
            if (!settings.mediaPolicy().accepts(mediaType)) {
                throw new ChorusException(ErrorCode.MEDIA_TYPE_REFUSED, "Files of type " + mediaType + " are not accepted.");
            }
            Dimensions dimensions = MediaPolicy.raster(mediaType) ? ImageCheck.measure(spooled.file(), settings.maxImagePixels()) : null;
            String key = "sha256/" + spooled.sha256().substring(0, 2) + "/" + spooled.sha256();
            boolean written = store.size(key) < 0;
            if (written) {
                store.put(key, spooled.file(), mediaType);
            }
            FileView view;
            try {
                view = catalog.record(caller, scope, new Attachment.Content(fileName, mediaType, spooled.size(), spooled.sha256(), key,
                        dimensions == null ? null : dimensions.width(), dimensions == null ? null : dimensions.height()));
            } catch (RuntimeException refused) {
                if (written && !catalog.referenced(spooled.sha256())) {
                    store.delete(key);
                }
                throw refused;
            }
            LOG.fine(() -> "file " + view.id() + " stored, " + spooled.size() + " bytes" + (written ? "" : " (bytes known already)"));
            if (dimensions != null) {
                thumbnails.makeLater(view.id(), spooled.sha256(), spooled.file(), mediaType);
                handedOver = true;
            }
            return view;
        } catch (IOException e) {
            throw new UncheckedIOException("storing an upload failed", e);
        } finally {
            if (!handedOver) {
                deleteQuietly(spooled.file());
            }
        }
    }

    /** The admin console's storage figures. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public FileViews.StorageView storage() {
        return catalog.storage(10, store.describe());
    }

    /**
     * A signed link to the file (or its thumbnail) for the caller, a reader of it, valid for
     * {@code ttlSeconds} (at most {@code chorus.files.link-ttl-seconds}, the default).
     */
    public FileViews.FileLink link(Caller caller, String id, boolean thumbnail, Long ttlSeconds) {
        long ttl = ttlSeconds == null ? links.maxTtlSeconds() : ttlSeconds;
        if (ttl < 1 || ttl > links.maxTtlSeconds()) {
            throw ChorusException.invalid("ttl must be 1-" + links.maxTtlSeconds() + " seconds");
        }
        meta(catalog.readable(caller, id), thumbnail);
        long expires = java.time.Instant.now().getEpochSecond() + ttl;
        String url = "/api/shared-files/" + id + (thumbnail ? "/thumbnail" : "") + "?u=" + caller.uid() + "&e=" + expires
                + "&s=" + links.sign(id, thumbnail, caller.uid(), expires);
        return new FileViews.FileLink(url, expires * 1000);
    }

    /** What a signed link names: checked, and its user still a reader. */
    public FileMeta describeSigned(String id, boolean thumbnail, String uid, long expires, String signature) {
        return meta(signedReadable(id, thumbnail, uid, expires, signature), thumbnail);
    }

    public FileBody openSigned(String id, boolean thumbnail, String uid, long expires, String signature, long offset, long length) {
        return body(signedReadable(id, thumbnail, uid, expires, signature), id, thumbnail, offset, length);
    }

    private Readable signedReadable(String id, boolean thumbnail, String uid, long expires, String signature) {
        links.check(id, thumbnail, uid, expires, signature, java.time.Instant.now().getEpochSecond());
        long userId = ids.decodeOr(uid, () -> new ChorusException(ErrorCode.FORBIDDEN, "The link is invalid or has expired."));
        return catalog.readable(userId, id);
    }

    /** A file's download headers, for a reader (see {@link FileCatalog#readable}). */
    public FileMeta describe(Caller caller, String id, boolean thumbnail) {
        return meta(catalog.readable(caller, id), thumbnail);
    }

    /** A file's bytes from {@code offset}, {@code length} of them (-1: to the end). */
    public FileBody open(Caller caller, String id, boolean thumbnail, long offset, long length) {
        return body(catalog.readable(caller, id), id, thumbnail, offset, length);
    }

    private FileBody body(Readable readable, String id, boolean thumbnail, long offset, long length) {
        FileMeta meta = meta(readable, thumbnail);
        try {
            return new FileBody(meta, store.open(thumbnail ? readable.thumbnailKey() : readable.storageKey(), offset, length));
        } catch (IOException e) {
            throw new UncheckedIOException("reading file " + id + " failed", e);
        }
    }

    private FileMeta meta(Readable readable, boolean thumbnail) {
        FileView view = readable.view();
        if (!thumbnail) {
            return new FileMeta(view.name(), view.type(), view.size(), "\"" + view.sha256() + "\"", MediaPolicy.inline(view.type()));
        }
        if (readable.thumbnailKey() == null) {
            throw new ChorusException(ErrorCode.NOT_FOUND, "This file has no thumbnail (yet).");
        }
        try {
            long size = store.size(readable.thumbnailKey());
            if (size < 0) {
                throw new ChorusException(ErrorCode.NOT_FOUND, "This file has no thumbnail (yet).");
            }
            String type = readable.thumbnailKey().endsWith(".png") ? "image/png" : "image/jpeg";
            return new FileMeta("thumbnail-" + view.name(), type, size, "\"t" + view.sha256() + "\"", true);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a thumbnail failed", e);
        }
    }

    /** The media type from the content's magic bytes; the name decides only where the content says nothing. */
    static String detect(Path file, String name) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return TIKA.detect(in, name);
        }
    }

    /** The file name as given, without any path and control characters; "file" when none is left. */
    static String cleanName(String name) {
        String raw = name == null ? "" : name;
        int slash = Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\'));
        String base = raw.substring(slash + 1).codePoints()
                .filter(c -> !Character.isISOControl(c) && c != '"')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().trim();
        if (base.isEmpty() || base.equals(".") || base.equals("..")) {
            return "file";
        }
        return base.length() > MAX_NAME ? base.substring(0, MAX_NAME) : base;
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warning(() -> "could not delete spool file " + file.getFileName() + ": " + e);
        }
    }
}
