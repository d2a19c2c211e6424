package io.chorus.app.file;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.file.FileViews.FileView;
import io.chorus.app.file.FileViews.UploadView;
import io.chorus.app.file.Spool.Spooled;
import io.chorus.app.file.UploadCatalog.Finishing;
import io.chorus.app.file.store.BlobStore;
import io.chorus.domain.file.FileUploadRepository.Part;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.logging.Logger;

/**
 * Resumable uploads, the tus 1.0 core protocol with its creation extension (docs/FILES.md): an
 * upload is announced with its length, then its bytes come in PATCH requests at the offset the
 * server reports. Whatever a request delivered before its connection was cut is kept, as one part
 * in the file store (so the next request may reach any node). When the last byte is there the
 * parts are joined, streaming, into a spool file that becomes the file exactly like a one-request
 * upload ({@link FileService#store}), and the parts are deleted.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ResumableUploads {
    private static final Logger LOG = Logger.getLogger(ResumableUploads.class.getName());

    @Inject
    FileCatalog catalog;

    @Inject
    UploadCatalog uploads;

    @Inject
    FileService files;

    @Inject
    FileSettings settings;

    @Inject
    BlobStore store;

    public UploadView create(Caller caller, String type, String id, String name, Long length) {
        if (length == null || length < 1) {
            throw ChorusException.invalid("Upload-Length must be a whole number of bytes, at least 1");
        }
        if (length > settings.maxBytes()) {
            throw new ChorusException(ErrorCode.PAYLOAD_TOO_LARGE, "Files are limited to " + settings.maxBytes() + " bytes.");
        }
        return uploads.create(caller, catalog.scope(caller, type, id), FileService.cleanName(name), length);
    }

    public UploadView state(Caller caller, String uploadId) {
        return uploads.state(caller, uploadId);
    }

    /** Appends what {@code body} delivers at {@code offset}; completes the upload with its last byte. */
    public UploadView append(Caller caller, String uploadId, Long offset, InputStream body) {
        UploadView before = uploads.state(caller, uploadId);
        if (offset == null || offset != before.offset() || before.file() != null) {
            throw new ChorusException(ErrorCode.UPLOAD_OFFSET_MISMATCH, "The upload stands at " + before.offset() + ".");
        }
        Spooled chunk;
        try {
            chunk = Spool.copyWhatArrives(body, settings.spoolDir(), before.length() - before.offset());
        } catch (IOException e) {
            throw new UncheckedIOException("spooling an upload part failed", e);
        }
        if (chunk.file() == null) {
            return before;
        }
        String key = "uploads/" + uploadId + "/" + offset + "-" + FileCatalog.newId();
        UploadView after;
        try {
            store.put(key, chunk.file(), "application/octet-stream");
            after = uploads.addPart(caller, uploadId, offset, new Part(offset, chunk.size(), key));
        } catch (IOException e) {
            deleteObject(key);
            throw new UncheckedIOException("storing an upload part failed", e);
        } catch (RuntimeException refused) {
            deleteObject(key);
            throw refused;
        } finally {
            FileService.deleteQuietly(chunk.file());
        }
        return after.offset() == after.length() ? complete(caller, after) : after;
    }

    private UploadView complete(Caller caller, UploadView upload) {
        Finishing finishing = uploads.finishing(caller, upload.id());
        FileView file;
        try {
            Spooled joined;
            try (InputStream parts = new SequenceInputStream(opened(finishing.parts()))) {
                joined = Spool.copy(parts, settings.spoolDir(), settings.maxBytes());
            }
            file = files.store(caller, finishing.scope(), finishing.name(), joined);
        } catch (IOException | RuntimeException failed) {
            // A refused file leaves nothing, not even the upload: the client starts a new one.
            uploads.abandon(upload.id());
            finishing.parts().forEach(part -> deleteObject(part.key()));
            if (failed instanceof IOException io) {
                throw new UncheckedIOException("joining the parts of upload " + upload.id() + " failed", io);
            }
            throw (RuntimeException) failed;
        }
        uploads.completed(upload.id(), file.id());
        finishing.parts().forEach(part -> deleteObject(part.key()));
        return new UploadView(upload.id(), upload.length(), upload.length(), file.id());
    }

    /** The parts' streams, each opened only when the one before is used up. */
    private Enumeration<InputStream> opened(List<Part> parts) {
        Iterator<Part> each = parts.iterator();
        return new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return each.hasNext();
            }

            @Override
            public InputStream nextElement() {
                if (!each.hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    return store.open(each.next().key(), 0, -1);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private void deleteObject(String key) {
        try {
            store.delete(key);
        } catch (IOException e) {
            LOG.warning(() -> "could not delete upload part " + key + ": " + e);
        }
    }
}
