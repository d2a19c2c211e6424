package io.chorus.app.push;

import java.util.List;

/**
 * A stored message as it travels to devices: on the cluster topic (with the users whose devices
 * get it) and out of a device's backlog. {@code from} and {@code to} are public ids.
 */
public record StoredMessage(long messageId, String kind, long conversationId, long seq, String wireId,
                            String from, String to, String payloadJson, long createdAt, long serverTs,
                            long senderDeviceId, List<Long> userIds) {
}
