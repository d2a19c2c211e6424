package io.chorus.app.file;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code chorus.files.*} settings (docs/CONFIGURATION.md). */
@ApplicationScoped
public class FileSettings {
    @Inject
    @ConfigProperty(name = "chorus.files.spool-dir")
    String spoolDir;

    @Inject
    @ConfigProperty(name = "chorus.files.max-bytes")
    long maxBytes;

    @Inject
    @ConfigProperty(name = "chorus.files.user-quota-bytes")
    long userQuotaBytes;

    @Inject
    @ConfigProperty(name = "chorus.files.allowed-types")
    List<String> allowedTypes;

    @Inject
    @ConfigProperty(name = "chorus.files.denied-types")
    Optional<List<String>> deniedTypes;

    @Inject
    @ConfigProperty(name = "chorus.files.max-image-pixels")
    long maxImagePixels;

    @Inject
    @ConfigProperty(name = "chorus.files.thumbnail-px")
    int thumbnailPx;

    public long maxBytes() {
        return maxBytes;
    }

    public long userQuotaBytes() {
        return userQuotaBytes;
    }

    public long maxImagePixels() {
        return maxImagePixels;
    }

    public int thumbnailPx() {
        return thumbnailPx;
    }

    public java.nio.file.Path spoolDir() {
        return java.nio.file.Path.of(spoolDir);
    }

    public MediaPolicy mediaPolicy() {
        return new MediaPolicy(allowedTypes, deniedTypes.orElse(List.of()));
    }
}
