package io.chorus.app.push;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Web Push (RFC 8030): one POST of the encrypted payload (RFC 8291) to the subscription's
 * endpoint, with VAPID (RFC 8292), through the JDK's HTTP client (HTTP/2 where the service offers it).
 */
@ApplicationScoped
public class WebPushProvider {
    private static final Logger LOG = Logger.getLogger(WebPushProvider.class.getName());
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    PushSettings settings;

    private HttpClient http;
    private volatile Vapid vapid;

    @PostConstruct
    void start() {
        http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public PushOutcome send(PushJob job, String payloadJson) {
        if (!settings.webPushEnabled() || !settings.endpointAllowed(job.token())) {
            return PushOutcome.FAILED;
        }
        byte[] body = WebPushCrypto.encrypt(payloadJson.getBytes(StandardCharsets.UTF_8), job.p256dh(), job.auth());
        HttpRequest request = HttpRequest.newBuilder(URI.create(job.token())).timeout(TIMEOUT)
                .header("Content-Encoding", "aes128gcm")
                .header("Content-Type", "application/octet-stream")
                .header("TTL", Long.toString(settings.ttlSeconds()))
                .header("Urgency", "high")
                .header("Authorization", vapid().authorization(job.token(), Instant.now()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return outcomeOf(status);
        } catch (IOException unreachable) {
            LOG.fine(() -> "Web Push service unreachable for device " + job.deviceId() + ": " + unreachable);
            return PushOutcome.RETRY;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return PushOutcome.RETRY;
        }
    }

    /** RFC 8030 §5: 201 accepted; 404 and 410 a subscription that is gone; 429 and 5xx later. */
    static PushOutcome outcomeOf(int status) {
        if (status >= 200 && status < 300) {
            return PushOutcome.SENT;
        }
        if (status == 404 || status == 410) {
            return PushOutcome.DEAD;
        }
        if (status == 429 || status >= 500) {
            return PushOutcome.RETRY;
        }
        return PushOutcome.FAILED;
    }

    private Vapid vapid() {
        Vapid current = vapid;
        if (current == null) {
            current = new Vapid(settings.vapidPublicKey(), settings.vapidPrivateKey(), settings.vapidSubject());
            vapid = current;
        }
        return current;
    }
}
