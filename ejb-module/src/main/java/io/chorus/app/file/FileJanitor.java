package io.chorus.app.file;

import io.chorus.app.file.FileCatalog.Doomed;
import io.chorus.app.file.store.BlobStore;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The files' clean-up (docs/FILES.md), every {@code chorus.files.cleanup-interval-seconds}: files no
 * message named within {@code unreferenced-grace-seconds} of their upload, files revoked that long
 * ago, files older than {@code retention-days} (when set) and resumable uploads left unfinished that
 * long are deleted: their rows in one transaction, then the store objects no remaining row names;
 * and spool files older than the grace period, which only a crash mid-upload leaves.
 * Every node runs it; the deletes are idempotent.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class FileJanitor {
    private static final Logger LOG = Logger.getLogger(FileJanitor.class.getName());
    private static final int BATCH = 500;

    @Resource
    TimerService timers;

    @Inject
    FileCatalog catalog;

    @Inject
    BlobStore store;

    @Inject
    FileSettings settings;

    @Inject
    @ConfigProperty(name = "chorus.files.cleanup-interval-seconds")
    long intervalSeconds;

    @Inject
    @ConfigProperty(name = "chorus.files.unreferenced-grace-seconds")
    long graceSeconds;

    @Inject
    @ConfigProperty(name = "chorus.files.retention-days")
    long retentionDays;

    @PostConstruct
    void schedule() {
        long interval = Duration.ofSeconds(intervalSeconds).toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("file clean-up", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void cleanUp() {
        Instant now = Instant.now();
        long retainedAfter = retentionDays > 0 ? now.minus(Duration.ofDays(retentionDays)).toEpochMilli() : Long.MIN_VALUE;
        List<Doomed> doomed = catalog.sweep(now.minusSeconds(graceSeconds).toEpochMilli(), retainedAfter, BATCH);
        int deleted = 0;
        for (Doomed object : doomed) {
            // The same bytes may have been uploaded again since the sweep committed: keep them then.
            if (object.sha256() != null && catalog.referenced(object.sha256())) {
                continue;
            }
            try {
                store.delete(object.key());
                deleted++;
            } catch (IOException e) {
                LOG.warning(() -> "file clean-up could not delete an object: " + e);
            }
        }
        int spooled = deleteStaleSpoolFiles(now.minusSeconds(graceSeconds));
        if (deleted + spooled > 0) {
            int count = deleted;
            LOG.info(() -> "File clean-up deleted " + count + " stored objects and " + spooled + " stale spool files");
        }
    }

    /** Spool files a crash left behind (a live upload's file is younger than the grace period). */
    private int deleteStaleSpoolFiles(Instant before) {
        Path spool = settings.spoolDir();
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        int deleted = 0;
        try (Stream<Path> files = Files.list(spool)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).toInstant().isBefore(before) && Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        } catch (IOException e) {
            LOG.warning(() -> "file clean-up could not list the spool directory: " + e);
        }
        return deleted;
    }
}
