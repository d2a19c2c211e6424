package io.chorus.app.push;

import io.chorus.app.json.Jsonp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Apple Push Notification service: one HTTP/2 POST per push to {@code /3/device/<token>} over TLS
 * (the JDK's HTTP client), with token authentication ({@link ApnsToken}) and the headers APNs
 * requires ({@code apns-topic} the app's bundle id, {@code apns-push-type: alert}).
 */
@ApplicationScoped
public class ApnsProvider {
    private static final Logger LOG = Logger.getLogger(ApnsProvider.class.getName());
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    PushSettings settings;

    private volatile HttpClient http;
    volatile ApnsToken token;
    /** The tokens' clock; the test sets it back to make a token APNs finds expired. */
    volatile java.time.Clock clock = java.time.Clock.systemUTC();

    public PushOutcome send(PushJob job) {
        if (!settings.apnsEnabled()) {
            return PushOutcome.FAILED;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.apnsUrl(job.sandbox()) + "/3/device/" + job.token()))
                .timeout(TIMEOUT)
                .header("authorization", "bearer " + token().bearer(clock.instant()))
                .header("apns-topic", job.topic())
                .header("apns-push-type", "alert")
                .header("apns-priority", "10")
                .header("apns-expiration", Long.toString(Instant.now().getEpochSecond() + settings.ttlSeconds()))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload(job.notice()).toString())).build();
        try {
            HttpResponse<String> response = client().send(request, HttpResponse.BodyHandlers.ofString());
            PushOutcome outcome = outcomeOf(response.statusCode(), reason(response.body()));
            if (response.statusCode() == 403) {
                token().refused();
            }
            return outcome;
        } catch (IOException unreachable) {
            LOG.fine(() -> "APNs unreachable for device " + job.deviceId() + ": " + unreachable);
            return PushOutcome.RETRY;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return PushOutcome.RETRY;
        }
    }

    /** The APNs payload: the alert, the badge, and Chorus' own fields for the app. */
    static JsonObject payload(PushNotice notice) {
        JsonObjectBuilder chorus = Jsonp.object().add("count", notice.count()).add("kind", notice.kind());
        if (notice.conversation() != null) {
            chorus.add("conversation", notice.conversation());
        }
        return Jsonp.object()
                .add("aps", Jsonp.object().add("alert", Jsonp.object().add("title", notice.title()).add("body", notice.body()))
                        .add("badge", notice.badge()).add("sound", "default"))
                .add("chorus", chorus).build();
    }

    /**
     * Apple's answers: 200 sent; 410 (Unregistered) and 400 BadDeviceToken / DeviceTokenNotForTopic
     * a dead token; 403 ExpiredProviderToken a token to make anew (tried again); 429 and 5xx later.
     */
    static PushOutcome outcomeOf(int status, String reason) {
        if (status == 200) {
            return PushOutcome.SENT;
        }
        if (status == 410 || (status == 400 && ("BadDeviceToken".equals(reason) || "DeviceTokenNotForTopic".equals(reason)))) {
            return PushOutcome.DEAD;
        }
        if (status == 429 || status >= 500 || (status == 403 && "ExpiredProviderToken".equals(reason))) {
            return PushOutcome.RETRY;
        }
        return PushOutcome.FAILED;
    }

    private static String reason(String body) {
        try {
            return body == null || body.isBlank() ? null : Jsonp.readObject(body).getString("reason", null);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private ApnsToken token() {
        ApnsToken current = token;
        if (current == null) {
            current = new ApnsToken(settings.apnsKeyPem(), settings.apnsKeyId(), settings.apnsTeamId());
            token = current;
        }
        return current;
    }

    private HttpClient client() {
        HttpClient current = http;
        if (current == null) {
            HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).connectTimeout(TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NEVER);
            settings.apnsTrustStore().ifPresent(path -> builder.sslContext(trusting(Path.of(path), settings.apnsTrustStorePassword())));
            current = builder.build();
            http = current;
        }
        return current;
    }

    static SSLContext trusting(Path trustStore, char[] password) {
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("chorus.push.apns.trust-store cannot be read", e);
        }
    }
}
