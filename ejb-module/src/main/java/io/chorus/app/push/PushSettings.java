package io.chorus.app.push;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Push configuration (docs/CONFIGURATION.md, docs/PUSH.md). Every provider is off until configured. */
@ApplicationScoped
public class PushSettings {
    @Inject
    @ConfigProperty(name = "chorus.push.grace-ms", defaultValue = "2000")
    long graceMillis;

    @Inject
    @ConfigProperty(name = "chorus.push.preview", defaultValue = "full")
    String preview;

    @Inject
    @ConfigProperty(name = "chorus.push.retry-first-ms", defaultValue = "1000")
    long retryFirstMillis;

    @Inject
    @ConfigProperty(name = "chorus.push.retry-max-ms", defaultValue = "300000")
    long retryMaxMillis;

    @Inject
    @ConfigProperty(name = "chorus.push.max-attempts", defaultValue = "8")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "chorus.push.ttl-seconds", defaultValue = "86400")
    long ttlSeconds;

    @Inject
    @ConfigProperty(name = "chorus.push.webpush.vapid-public-key")
    Optional<String> vapidPublicKey;

    @Inject
    @ConfigProperty(name = "chorus.push.webpush.vapid-private-key")
    Optional<String> vapidPrivateKey;

    @Inject
    @ConfigProperty(name = "chorus.push.webpush.subject", defaultValue = "mailto:admin@example.com")
    String vapidSubject;

    @Inject
    @ConfigProperty(name = "chorus.push.webpush.allowed-endpoints", defaultValue = "https://.+")
    String allowedEndpoints;

    private volatile Pattern endpoints;

    public long graceMillis() {
        return graceMillis;
    }

    /** The installation's preview policy, for users who chose none. */
    public PreviewPolicy preview() {
        return PreviewPolicy.of(preview).orElse(PreviewPolicy.FULL);
    }

    /** How long to wait before attempt {@code attempt + 1}: doubling from the first delay, capped. */
    public long retryDelayMillis(int attempt) {
        long delay = retryFirstMillis << Math.min(20, Math.max(0, attempt - 1));
        return Math.min(delay, retryMaxMillis);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public long ttlSeconds() {
        return ttlSeconds;
    }

    public boolean webPushEnabled() {
        return vapidPublicKey.filter(k -> !k.isBlank()).isPresent() && vapidPrivateKey.filter(k -> !k.isBlank()).isPresent();
    }

    public String vapidPublicKey() {
        return vapidPublicKey.orElse("");
    }

    public String vapidPrivateKey() {
        return vapidPrivateKey.orElse("");
    }

    public String vapidSubject() {
        return vapidSubject;
    }

    /** Whether the server may post to this Web Push endpoint (no pushes to internal addresses). */
    public boolean endpointAllowed(String endpoint) {
        Pattern pattern = endpoints;
        if (pattern == null) {
            pattern = Pattern.compile(allowedEndpoints);
            endpoints = pattern;
        }
        return pattern.matcher(endpoint).matches();
    }

    /** Whether a provider of this name is configured here. */
    public boolean enabled(String provider) {
        return "webpush".equals(provider) && webPushEnabled();
    }

    /** Whether any provider is: otherwise nothing is queued at all. */
    public boolean anyEnabled() {
        return webPushEnabled();
    }
}
