package io.chorus.app.push;

/**
 * A push to send, as it waits on the push queue: the device, the target it had when the push was
 * decided (a dead-token answer deletes only that one), what to say, and which attempt this is.
 */
public record PushJob(long deviceId, String provider, String token, String p256dh, String auth, String topic, boolean sandbox,
                      PushNotice notice, int attempt) {
    PushJob retry() {
        return new PushJob(deviceId, provider, token, p256dh, auth, topic, sandbox, notice, attempt + 1);
    }

    @Override
    public String toString() {
        return "PushJob[deviceId=" + deviceId + ", provider=" + provider + ", attempt=" + attempt + ", " + notice + "]";
    }
}
