package io.chorus.app.file.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.inject.Inject;

/** Makes the one {@link BlobStore} of this node from {@code chorus.files.store}: {@code filesystem} or {@code s3}. */
@ApplicationScoped
public class BlobStores {
    private static final Logger LOG = Logger.getLogger(BlobStores.class.getName());

    @Inject
    @ConfigProperty(name = "chorus.files.store")
    String kind;

    @Inject
    @ConfigProperty(name = "chorus.files.dir")
    String dir;

    @Inject
    @ConfigProperty(name = "chorus.files.s3.bucket")
    String bucket;

    @Inject
    @ConfigProperty(name = "chorus.files.s3.endpoint")
    Optional<String> endpoint;

    @Inject
    @ConfigProperty(name = "chorus.files.s3.region")
    String region;

    @Inject
    @ConfigProperty(name = "chorus.files.s3.access-key")
    Optional<String> accessKey;

    @Inject
    @ConfigProperty(name = "chorus.files.s3.secret-key")
    Optional<String> secretKey;

    @Inject
    @ConfigProperty(name = "chorus.files.s3.path-style")
    boolean pathStyle;

    @Produces
    @ApplicationScoped
    BlobStore store() {
        BlobStore store = switch (kind.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "s3" -> new S3BlobStore(new S3BlobStore.Settings(bucket, endpoint.filter(s -> !s.isBlank()), region,
                    accessKey.filter(s -> !s.isBlank()), secretKey.filter(s -> !s.isBlank()), pathStyle));
            case "filesystem" -> {
                try {
                    yield new FileSystemBlobStore(Path.of(dir));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create the file store directory " + dir, e);
                }
            }
            default -> throw new IllegalStateException("chorus.files.store must be filesystem or s3, not " + kind);
        };
        LOG.info(() -> "files are stored in " + store.describe());
        return store;
    }

    void close(@Disposes BlobStore store) {
        if (store instanceof S3BlobStore s3) {
            s3.close();
        }
    }
}
