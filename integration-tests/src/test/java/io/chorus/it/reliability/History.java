package io.chorus.it.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the fault-injection run's clients saw, and what the database holds afterwards: the input of
 * {@link HistoryChecker}. Every message a client sends carries a unique {@code key} in its text, so
 * a message is recognised whatever id each dialect gives it (a /ws client id, a JIM message id).
 * Devices are named {@code "<uid>/<did>"}; times are epoch milliseconds of the test JVM's clock.
 * Clients append from many threads: the lists are synchronized, read once the run is over.
 */
public final class History {
    /** A client sent a message: {@code to} is a user's uid (C2C) or a group's gid (C2G). */
    public record Sent(String device, String key, boolean group, String to, long at) {
    }

    /** The server acknowledged the send; {@code id} as in {@link Received}. */
    public record Acked(String device, String key, String id, long at) {
    }

    /**
     * The server refused the send with an error (e.g. retryable while the database is away): it
     * must not be delivered unless a later send of the same key was acknowledged.
     */
    public record Refused(String device, String key, String code, long at) {
    }

    /**
     * A device got a message (a first copy or a resend) under the id its dialect shows: the wire id
     * on /ws, the message id (MID) on /jim.
     */
    public record Received(String device, String key, String id, long at) {
    }

    /** A device's socket became live (authenticated, backlog about to be replayed) on a node. */
    public record Connected(String device, int node, long at) {
    }

    /** A device's socket closed or failed, and why: the server's close code and reason, or the client's own reason. */
    public record Disconnected(String device, long at, String why) {
    }

    /** A send got no answer within {@link ChaosDevice#ANSWER_TIMEOUT_MILLIS}; the device took it for in doubt. */
    public record TimedOut(String device, String key, long at) {
    }

    /** A fault injected at {@code start} and healed at {@code healed} (the service reachable again). */
    public record Fault(String name, long start, long healed) {
    }

    /**
     * A committed message as the database holds it, found by the key in its text; a device may know
     * it by its wire id or its message id. Two rows with one key mean a send was stored twice.
     */
    public record Stored(String key, long messageId, String wireId, long conversationId, long seq, String senderDevice) {
        /** Whether a copy seen under {@code id} is this message. */
        public boolean knownAs(String id) {
            return wireId.equals(id) || Long.toString(messageId).equals(id);
        }
    }

    public final List<Sent> sent = synchronizedList();
    public final List<Acked> acked = synchronizedList();
    public final List<Refused> refused = synchronizedList();
    public final List<Received> received = synchronizedList();
    public final List<Connected> connected = synchronizedList();
    public final List<Disconnected> disconnected = synchronizedList();
    public final List<TimedOut> timedOut = synchronizedList();
    public final List<Fault> faults = synchronizedList();

    /**
     * Who is who, fixed for the whole run: each user's devices (uid → devices), each group's members
     * (gid → uids). A message's recipients are every device of its participants but the sending one.
     */
    public record Cast(Map<String, Set<String>> devicesByUser, Map<String, Set<String>> membersByGroup) {
    }

    private static <T> List<T> synchronizedList() {
        return java.util.Collections.synchronizedList(new ArrayList<>());
    }
}
