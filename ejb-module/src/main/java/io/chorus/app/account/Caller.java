package io.chorus.app.account;

/**
 * The authenticated user and device behind a request or a socket, checked against the database
 * (the device exists, its token generation is current, the user is enabled).
 */
public record Caller(long userId, String uid, long deviceId, String did, boolean admin) {
}
