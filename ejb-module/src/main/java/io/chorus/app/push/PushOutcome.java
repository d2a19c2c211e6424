package io.chorus.app.push;

/** What a provider answered to one attempt; each is counted per provider ({@code chorus_push_attempts_total}). */
public enum PushOutcome {
    /** Accepted by the provider. */
    SENT,
    /** The token or subscription is dead (APNs 410 / BadDeviceToken, FCM UNREGISTERED, Web Push 404/410): the registration is deleted. */
    DEAD,
    /** The provider is unavailable or throttles (5xx, 429, no answer): tried again later with back-off. */
    RETRY,
    /** Refused for good (another 4xx), or retried too often: dropped. */
    FAILED;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
