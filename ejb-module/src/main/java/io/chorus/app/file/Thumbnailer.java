package io.chorus.app.file;

import io.chorus.app.file.store.BlobStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Makes an image's thumbnail (at most {@code chorus.files.thumbnail-px} on its longer side, by
 * Thumbnailator) on a managed executor after the upload was answered, from the spooled file, which
 * it deletes when done. The image's dimensions were checked before, so decoding it is bounded. A
 * thumbnail is stored once per content ({@code thumbnails/<sha256>.<ext>}); until it exists,
 * asking for it answers "not found". A failure costs only the thumbnail and is logged.
 */
@ApplicationScoped
public class Thumbnailer {
    private static final Logger LOG = Logger.getLogger(Thumbnailer.class.getName());

    @Resource
    ManagedExecutorService executor;

    @Inject
    BlobStore store;

    @Inject
    FileCatalog catalog;

    @Inject
    FileSettings settings;

    public void makeLater(String attachmentId, String sha256, Path image, String mediaType) {
        executor.execute(() -> {
            try {
                make(attachmentId, sha256, image, mediaType);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "no thumbnail for file " + attachmentId, e);
            } finally {
                try {
                    Files.deleteIfExists(image);
                } catch (IOException e) {
                    LOG.warning(() -> "could not delete spool file " + image.getFileName() + ": " + e);
                }
            }
        });
    }

    private void make(String attachmentId, String sha256, Path image, String mediaType) throws IOException {
        boolean jpeg = "image/jpeg".equals(mediaType);
        String key = "thumbnails/" + sha256 + (jpeg ? ".jpg" : ".png");
        if (store.size(key) < 0) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int px = settings.thumbnailPx();
            Thumbnails.of(image.toFile()).size(px, px).outputFormat(jpeg ? "jpg" : "png").toOutputStream(out);
            store.put(key, out.toByteArray(), jpeg ? "image/jpeg" : "image/png");
        }
        catalog.thumbnailStored(attachmentId, key);
    }
}
