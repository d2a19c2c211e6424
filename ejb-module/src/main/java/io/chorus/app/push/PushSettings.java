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

    @Inject
    @ConfigProperty(name = "chorus.push.apns.key-file")
    Optional<String> apnsKeyFile;

    @Inject
    @ConfigProperty(name = "chorus.push.apns.key")
    Optional<String> apnsKey;

    @Inject
    @ConfigProperty(name = "chorus.push.apns.key-id")
    Optional<String> apnsKeyId;

    @Inject
    @ConfigProperty(name = "chorus.push.apns.team-id")
    Optional<String> apnsTeamId;

    @Inject
    @ConfigProperty(name = "chorus.push.apns.production-url", defaultValue = "https://api.push.apple.com")
    String apnsProductionUrl;

    @Inject
    @ConfigProperty(name = "chorus.push.apns.sandbox-url", defaultValue = "https://api.sandbox.push.apple.com")
    String apnsSandboxUrl;

    @Inject
    @ConfigProperty(name = "chorus.push.apns.trust-store")
    Optional<String> apnsTrustStore;

    @Inject
    @ConfigProperty(name = "chorus.push.apns.trust-store-password")
    Optional<String> apnsTrustStorePassword;

    @Inject
    @ConfigProperty(name = "chorus.push.fcm.service-account-file")
    Optional<String> fcmServiceAccountFile;

    @Inject
    @ConfigProperty(name = "chorus.push.fcm.service-account")
    Optional<String> fcmServiceAccount;

    @Inject
    @ConfigProperty(name = "chorus.push.fcm.url", defaultValue = "https://fcm.googleapis.com")
    String fcmUrl;

    @Inject
    @ConfigProperty(name = "chorus.push.fcm.token-uri")
    Optional<String> fcmTokenUri;

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

    public boolean apnsEnabled() {
        return (present(apnsKeyFile) || present(apnsKey)) && present(apnsKeyId) && present(apnsTeamId);
    }

    /** The {@code .p8} key's PEM text: from {@code key-file} if set, else {@code key}. */
    public String apnsKeyPem() {
        if (present(apnsKeyFile)) {
            try {
                return java.nio.file.Files.readString(java.nio.file.Path.of(apnsKeyFile.get()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("chorus.push.apns.key-file cannot be read", e);
            }
        }
        return apnsKey.orElse("");
    }

    public String apnsKeyId() {
        return apnsKeyId.orElse("");
    }

    public String apnsTeamId() {
        return apnsTeamId.orElse("");
    }

    public String apnsUrl(boolean sandbox) {
        return sandbox ? apnsSandboxUrl : apnsProductionUrl;
    }

    /** A PKCS#12 trust store for the APNs connection (an inspecting proxy, the tests' stand-in); empty: the JDK's. */
    public Optional<String> apnsTrustStore() {
        return apnsTrustStore.filter(s -> !s.isBlank());
    }

    public char[] apnsTrustStorePassword() {
        return apnsTrustStorePassword.orElse("").toCharArray();
    }

    public boolean fcmEnabled() {
        return present(fcmServiceAccountFile) || present(fcmServiceAccount);
    }

    /** The service account's key file (JSON): from {@code service-account-file} if set, else {@code service-account}. */
    public String fcmServiceAccount() {
        if (present(fcmServiceAccountFile)) {
            try {
                return java.nio.file.Files.readString(java.nio.file.Path.of(fcmServiceAccountFile.get()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("chorus.push.fcm.service-account-file cannot be read", e);
            }
        }
        return fcmServiceAccount.orElse("");
    }

    public String fcmUrl() {
        return fcmUrl;
    }

    /** Another token endpoint than the service account's {@code token_uri} (a proxy, the tests' stand-in). */
    public Optional<String> fcmTokenUri() {
        return fcmTokenUri.filter(s -> !s.isBlank());
    }

    private static boolean present(Optional<String> value) {
        return value.filter(v -> !v.isBlank()).isPresent();
    }

    /** Whether a provider of this name is configured here. */
    public boolean enabled(String provider) {
        return switch (provider) {
            case "webpush" -> webPushEnabled();
            case "apns" -> apnsEnabled();
            case "fcm" -> fcmEnabled();
            default -> false;
        };
    }

    /** Whether any provider is: otherwise nothing is queued at all. */
    public boolean anyEnabled() {
        return webPushEnabled() || apnsEnabled() || fcmEnabled();
    }
}
