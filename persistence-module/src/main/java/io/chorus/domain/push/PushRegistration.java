package io.chorus.domain.push;

/**
 * A device's push target, as stored. {@code token} is the APNs device token, the FCM registration
 * token or the Web Push subscription's endpoint; {@code p256dh} and {@code auth} are Web Push's
 * keys, {@code topic} and {@code sandbox} APNs'.
 */
public record PushRegistration(long deviceId, String provider, String token, String p256dh, String auth, String topic,
                               boolean sandbox) {
    /** Every field but the secrets: a token in a log line is a credential to push to a phone. */
    @Override
    public String toString() {
        return "PushRegistration[deviceId=" + deviceId + ", provider=" + provider + ", topic=" + topic + ", sandbox=" + sandbox + "]";
    }
}
