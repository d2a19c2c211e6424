package io.chorus.it.reliability;

import io.chorus.it.reliability.History.Acked;
import io.chorus.it.reliability.History.Cast;
import io.chorus.it.reliability.History.Connected;
import io.chorus.it.reliability.History.Disconnected;
import io.chorus.it.reliability.History.Fault;
import io.chorus.it.reliability.History.Received;
import io.chorus.it.reliability.History.Refused;
import io.chorus.it.reliability.History.Sent;
import io.chorus.it.reliability.History.Stored;
import io.chorus.it.reliability.History.TimedOut;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Judges a fault-injection run (issue 22): reads what the clients saw ({@link History}) and what the
 * database holds ({@link Stored}) and finds every broken promise. For every server-acked message:
 * stored once, delivered to every connected recipient device within the bound after the last fault
 * healed, in seq order per conversation, duplicates only as resends of the same id; nothing
 * delivered that was not stored, acked to its sender, or meant for the device.
 *
 * <p>Deterministic: every pass walks the input lists in their order, so one history always gives
 * the same report with the violations in the same order.
 */
public final class HistoryChecker {
    // The rules, as each violation line starts: the run's output and the tests read them.
    public static final String STORED_TWICE = "stored twice";
    public static final String NEW_ID = "new id";
    public static final String ACKED_BUT_LOST = "acked but lost";
    public static final String NEVER_DELIVERED = "never delivered";
    public static final String LATE = "late";
    public static final String OUT_OF_ORDER = "out of order";
    public static final String MISROUTED = "misrouted";
    public static final String NOT_STORED = "delivered but not stored";
    public static final String NOT_ACKED = "delivered but not acked";
    public static final String REFUSED_BUT_STORED = "refused but stored";
    public static final String NEVER_SENT = "stored but never sent";

    /** How many violations {@link Report#toString()} prints; the rest are counted. */
    static final int PRINTED_VIOLATIONS = 20;

    private HistoryChecker() {
    }

    /**
     * The run's figures and what went wrong.
     *
     * @param messagesSent distinct keys sent (a resend of one key counts once)
     * @param acked distinct keys the server acknowledged
     * @param stored rows the database holds (more than the keys if one was stored twice)
     * @param deliveriesExpected (acked message, recipient device) pairs owed: the device received it
     *     or was connected after the ack
     * @param delivered of those pairs, the ones the device received
     * @param notConnected (acked message, recipient device) pairs skipped: the device was never
     *     connected after the ack, so nothing could be owed to it
     * @param faults faults injected
     * @param duplicates later receipts of a message the device already had, under the same id
     * @param maxDelayAfterHealMs the largest delivery delay, counted from the latest of the ack, the
     *     heal of a fault active at the ack, and the device's connection
     * @param inDoubt JIM sends delivered but never answered because the sender's connection closed
     *     first (JIM has no idempotent retry: the sender cannot know, so this is no violation)
     * @param violations one line each: rule, key, device, detail
     */
    public record Report(int messagesSent, int acked, int stored, int deliveriesExpected, int delivered,
            int notConnected, int faults, int duplicates, long maxDelayAfterHealMs, int inDoubt,
            List<String> violations) {
        public Report {
            violations = List.copyOf(violations);
        }

        /** Whether the run kept every promise. */
        public boolean passed() {
            return violations.isEmpty();
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder()
                    .append("messages sent ").append(messagesSent)
                    .append(", acked ").append(acked)
                    .append(", stored ").append(stored).append('\n')
                    .append("deliveries expected ").append(deliveriesExpected)
                    .append(", delivered ").append(delivered)
                    .append(", skipped (device not connected after the ack) ").append(notConnected).append('\n')
                    .append("faults ").append(faults)
                    .append(", max delay after heal ").append(maxDelayAfterHealMs).append(" ms")
                    .append(", duplicates ").append(duplicates)
                    .append(", in-doubt JIM sends ").append(inDoubt).append('\n')
                    .append("violations ").append(violations.size());
            violations.stream().limit(PRINTED_VIOLATIONS).forEach(v -> out.append("\n  ").append(v));
            if (violations.size() > PRINTED_VIOLATIONS) {
                out.append("\n  ... and ").append(violations.size() - PRINTED_VIOLATIONS).append(" more");
            }
            return out.toString();
        }
    }

    /**
     * Checks a finished run.
     *
     * @param history what the clients saw
     * @param stored the committed messages the database holds, found by their keys
     * @param cast who is who: users' devices and groups' members
     * @param bound the stated delivery bound (issue 22: after any single fault heals, every committed
     *     message reaches every connected recipient device within it)
     * @param runEnd when the clients stopped recording (epoch ms): later connections count for nothing
     */
    public static Report check(History history, List<Stored> stored, Cast cast, Duration bound, long runEnd) {
        return new Check(history, stored, cast, bound.toMillis(), runEnd).run();
    }

    /** One check's indexes and tallies; each rule is a method. */
    private static final class Check {
        private final Cast cast;
        private final long boundMs;
        private final long runEnd;

        private final List<Sent> sends;
        private final List<Stored> storedRows;
        private final List<Received> receipts;
        private final List<Fault> faults;
        private final List<Refused> refusals;
        /** device → its connection times, sorted: looked up per (message, device), so indexed. */
        private final Map<String, long[]> connectedAt = new HashMap<>();
        /** device → its close times, sorted. */
        private final Map<String, long[]> disconnectedAt = new HashMap<>();
        /** key → its recipient devices, computed once per message. */
        private final Map<String, Set<String>> recipientsByKey = new HashMap<>();

        /** First Sent of each key, in send order: a resend of a key repeats its first send. */
        private final Map<String, Sent> sentByKey = new LinkedHashMap<>();
        /** First Acked of each key, in ack order: the first ack is when the promise began. */
        private final Map<String, Acked> ackByKey = new LinkedHashMap<>();
        private final Map<String, List<Stored>> storedByKey = new LinkedHashMap<>();
        private final Set<String> refusedKeys = new LinkedHashSet<>();
        private final Set<String> timedOutKeys = new HashSet<>();
        /** device → key → its first receipt there; filled by {@link #checkReceipts()}. */
        private final Map<String, Map<String, Received>> firstReceipts = new HashMap<>();
        /** Keys somebody received, whatever the device. */
        private final Set<String> receivedKeys = new HashSet<>();

        private final List<String> violations = new ArrayList<>();
        private int duplicates;
        private int deliveriesExpected;
        private int delivered;
        private int notConnected;
        private long maxDelay;
        private int inDoubt;

        Check(History history, List<Stored> stored, Cast cast, long boundMs, long runEnd) {
            this.cast = cast;
            this.boundMs = boundMs;
            this.runEnd = runEnd;
            // List.copyOf goes through toArray, which the synchronized lists guard.
            this.sends = List.copyOf(history.sent);
            this.storedRows = List.copyOf(stored);
            this.receipts = List.copyOf(history.received);
            this.faults = List.copyOf(history.faults);
            this.refusals = List.copyOf(history.refused);
            connectedAt.putAll(sortedTimesByDevice(history.connected, Connected::device, Connected::at));
            disconnectedAt.putAll(sortedTimesByDevice(history.disconnected, Disconnected::device, Disconnected::at));
            for (Sent s : sends) {
                sentByKey.putIfAbsent(s.key(), s);
            }
            for (Acked a : List.copyOf(history.acked)) {
                ackByKey.putIfAbsent(a.key(), a);
            }
            for (Stored s : storedRows) {
                storedByKey.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(s);
            }
            for (Refused r : refusals) {
                refusedKeys.add(r.key());
            }
            for (TimedOut t : List.copyOf(history.timedOut)) {
                timedOutKeys.add(t.device() + " " + t.key());
            }
        }

        Report run() {
            checkStoredOnce();
            checkStoredWereSent();
            checkReceipts();
            checkAckedDelivered();
            checkUnackedDeliveries();
            checkRefusedNotStored();
            return new Report(sentByKey.size(), ackByKey.size(), storedRows.size(), deliveriesExpected,
                    delivered, notConnected, faults.size(), duplicates, maxDelay, inDoubt, violations);
        }

        // ---- storage ---------------------------------------------------------------------------

        /** A retry that made a second message is a duplicate with a new id, whoever received it. */
        private void checkStoredOnce() {
            storedByKey.forEach((key, rows) -> {
                if (rows.size() > 1) {
                    violation(STORED_TWICE, key, rows.get(0).senderDevice(), rows.size() + " rows, message ids "
                            + rows.stream().map(r -> Long.toString(r.messageId())).toList());
                }
            });
        }

        /** A stored key no client sent means the history (or the query for the rows) is wrong. */
        private void checkStoredWereSent() {
            storedByKey.forEach((key, rows) -> {
                if (!sentByKey.containsKey(key)) {
                    violation(NEVER_SENT, key, rows.get(0).senderDevice(), "no client recorded sending it");
                }
            });
        }

        // ---- receipts, per device in the order the device saw them --------------------------------

        /**
         * Walks every device's receipts in list order (two receipts in one millisecond keep their
         * order): what was not stored, ids that are not the stored message's, duplicates, devices
         * that are not recipients, and seq order per conversation.
         */
        private void checkReceipts() {
            Map<String, Map<Long, Received>> lastFirstByConversation = new HashMap<>();
            for (Received r : receipts) {
                receivedKeys.add(r.key());
                List<Stored> rows = storedByKey.get(r.key());
                if (rows == null) {
                    violation(NOT_STORED, r.key(), r.device(), "received as id " + r.id() + ", no row holds the key");
                    continue;
                }
                Stored row = rowKnownAs(rows, r.id());
                if (row == null) {
                    violation(NEW_ID, r.key(), r.device(), "received as id " + r.id() + ", stored as "
                            + idsOf(rows));
                    row = rows.get(0);
                }
                Map<String, Received> seen = firstReceipts.computeIfAbsent(r.device(), d -> new HashMap<>());
                Received first = seen.get(r.key());
                if (first != null) {
                    checkResendKeepsId(first, r);
                    continue;
                }
                seen.put(r.key(), r);
                checkRecipient(r);
                checkOrder(lastFirstByConversation.computeIfAbsent(r.device(), d -> new HashMap<>()), r, row);
            }
        }

        /** A resend is allowed only as the same message: the id the device first saw. */
        private void checkResendKeepsId(Received first, Received again) {
            if (first.id().equals(again.id())) {
                duplicates++;
            } else {
                violation(NEW_ID, again.key(), again.device(), "resent as id " + again.id()
                        + ", first received as " + first.id());
            }
        }

        private void checkRecipient(Received r) {
            Sent sent = sentByKey.get(r.key());
            if (sent == null) {
                return; // reported once as NEVER_SENT: no participants to judge by
            }
            if (sent.device().equals(r.device())) {
                violation(MISROUTED, r.key(), r.device(), "the sending device got its own message");
            } else if (!recipients(sent).contains(r.device())) {
                violation(MISROUTED, r.key(), r.device(), "not a device of "
                        + (sent.group() ? "group " + sent.to() + "'s members" : userOf(sent.device()) + " or " + sent.to()));
            }
        }

        /**
         * First receipts in one conversation must rise in seq: a lower seq after a higher one means the
         * device saw the conversation out of order (or a gap was filled late, behind a later message).
         */
        private void checkOrder(Map<Long, Received> lastFirst, Received r, Stored row) {
            Received before = lastFirst.get(row.conversationId());
            if (before != null) {
                long beforeSeq = seqOf(before);
                if (row.seq() <= beforeSeq) {
                    violation(OUT_OF_ORDER, r.key(), r.device(), "seq " + row.seq() + " received after seq "
                            + beforeSeq + " (key " + before.key() + ") in conversation " + row.conversationId());
                    return; // keep the highest seq as the mark, so one late message is one violation
                }
            }
            lastFirst.put(row.conversationId(), r);
        }

        private long seqOf(Received r) {
            List<Stored> rows = storedByKey.get(r.key());
            Stored row = rowKnownAs(rows, r.id());
            return (row == null ? rows.get(0) : row).seq();
        }

        // ---- acked messages ----------------------------------------------------------------------

        /**
         * The promise of an ack: the message is stored and reaches every recipient device that was
         * connected after the ack, within the bound counted from when it could first get it.
         */
        private void checkAckedDelivered() {
            for (Acked ack : ackByKey.values()) {
                if (!storedByKey.containsKey(ack.key())) {
                    violation(ACKED_BUT_LOST, ack.key(), ack.device(), "acked as id " + ack.id() + ", no row holds the key");
                    continue;
                }
                Sent sent = sentByKey.get(ack.key());
                if (sent == null) {
                    continue; // reported as NEVER_SENT
                }
                for (String device : recipients(sent)) {
                    checkDeliveredTo(ack, device);
                }
            }
        }

        private void checkDeliveredTo(Acked ack, String device) {
            Received first = firstReceipts.getOrDefault(device, Map.of()).get(ack.key());
            if (first == null) {
                if (connectedAfter(device, ack.at())) {
                    deliveriesExpected++;
                    violation(NEVER_DELIVERED, ack.key(), device, "acked " + (runEnd - ack.at())
                            + " ms before the run ended, device connected after the ack");
                } else {
                    notConnected++; // nothing owed to a device that never came back
                }
                return;
            }
            deliveriesExpected++;
            delivered++;
            checkDelay(ack, first);
        }

        /**
         * The delay counts from the latest moment the device could have had the message: the ack, the
         * heal of a fault that was active at the ack or began within the bound after it (a node paused
         * a moment after the ack holds the message as long as the pause), or the device's
         * (re)connection before the receipt.
         */
        private void checkDelay(Acked ack, Received first) {
            long ref = ack.at();
            String since = "the ack";
            long heal = healOfFaultDuring(ack.at(), ack.at() + boundMs);
            if (heal > ref) {
                ref = heal;
                since = "the heal";
            }
            long connected = latestConnectedAtOrBefore(first.device(), first.at());
            if (connected > ref) {
                ref = connected;
                since = "the reconnect";
            }
            long delay = first.at() - ref;
            maxDelay = Math.max(maxDelay, delay);
            if (delay > boundMs) {
                violation(LATE, first.key(), first.device(), "received " + delay + " ms after " + since
                        + " (bound " + boundMs + " ms)");
            }
        }

        // ---- stored messages never acked -----------------------------------------------------------

        /**
         * A delivered message its sender never saw acked: a JIM sender whose connection closed with the
         * send unanswered, or that stopped waiting for the answer, cannot know (no idempotent retry), so
         * it is in doubt; anyone else should have had the ack (a /ws client retries with its client id
         * until it gets one).
         */
        private void checkUnackedDeliveries() {
            storedByKey.forEach((key, rows) -> {
                Sent sent = sentByKey.get(key);
                if (ackByKey.containsKey(key) || refusedKeys.contains(key) || !receivedKeys.contains(key)
                        || sent == null) {
                    return; // acked; judged as refused; never delivered; or reported as NEVER_SENT
                }
                if (isJim(sent.device()) && (closedAfter(sent.device(), lastSentAt(sent.device(), key))
                        || timedOutKeys.contains(sent.device() + " " + key))) {
                    inDoubt++;
                } else {
                    violation(NOT_ACKED, key, sent.device(), "delivered, but the sender had neither ack nor refusal");
                }
            });
        }

        /**
         * A refused send must leave nothing behind, unless a send of the key was acked (a retry after
         * the refusal — or before it: an ack already made the message, storing it is then right).
         */
        private void checkRefusedNotStored() {
            Set<String> reported = new HashSet<>();
            for (Refused r : refusals) {
                if (!ackByKey.containsKey(r.key()) && storedByKey.containsKey(r.key()) && reported.add(r.key())) {
                    violation(REFUSED_BUT_STORED, r.key(), r.device(), "refused with " + r.code() + ", never acked, yet stored");
                }
            }
        }

        // ---- who and when ------------------------------------------------------------------------

        /** Every device of the message's participants but the sending one, in cast order. */
        private Set<String> recipients(Sent sent) {
            return recipientsByKey.computeIfAbsent(sent.key(), k -> recipientsOf(sent));
        }

        private Set<String> recipientsOf(Sent sent) {
            Set<String> users = new LinkedHashSet<>();
            if (sent.group()) {
                users.addAll(cast.membersByGroup().getOrDefault(sent.to(), Set.of()));
            } else {
                users.add(userOf(sent.device()));
                users.add(sent.to());
            }
            Set<String> devices = new LinkedHashSet<>();
            for (String uid : users) {
                devices.addAll(cast.devicesByUser().getOrDefault(uid, Set.of()));
            }
            devices.remove(sent.device());
            return devices;
        }

        /**
         * Whether the device had a live socket at some moment in [from, runEnd]: it connected in that
         * span, or was still connected at {@code from}. A close in the same millisecond as a connect is
         * taken as the close of the previous socket (clients reconnect after a close).
         */
        private boolean connectedAfter(String device, long from) {
            long[] connects = connectedAt.getOrDefault(device, NONE);
            int next = firstAtLeast(connects, from);
            if (next < connects.length && connects[next] <= runEnd) {
                return true;
            }
            if (next == 0) {
                return false; // no connection before from either
            }
            long liveSince = connects[next - 1];
            long[] closes = disconnectedAt.getOrDefault(device, NONE);
            int close = firstAtLeast(closes, liveSince + 1);
            return close == closes.length || closes[close] > from;
        }

        /** The device's latest connection at or before {@code at}, or {@code Long.MIN_VALUE}. */
        private long latestConnectedAtOrBefore(String device, long at) {
            long[] connects = connectedAt.getOrDefault(device, NONE);
            int after = firstAtLeast(connects, at + 1);
            return after == 0 ? Long.MIN_VALUE : connects[after - 1];
        }

        /** The latest heal of a fault active at some moment in [from, to], or {@code Long.MIN_VALUE}. */
        private long healOfFaultDuring(long from, long to) {
            long heal = Long.MIN_VALUE;
            for (Fault f : faults) {
                if (f.start() <= to && from <= f.healed()) {
                    heal = Math.max(heal, f.healed());
                }
            }
            return heal;
        }

        private boolean closedAfter(String device, long at) {
            long[] closes = disconnectedAt.getOrDefault(device, NONE);
            return closes.length > 0 && closes[closes.length - 1] >= at;
        }

        /** The device's last send of the key: the one left unanswered. */
        private long lastSentAt(String device, String key) {
            long last = Long.MIN_VALUE;
            for (Sent s : sends) {
                if (s.device().equals(device) && s.key().equals(key)) {
                    last = Math.max(last, s.at());
                }
            }
            return last;
        }

        private static Stored rowKnownAs(List<Stored> rows, String id) {
            for (Stored row : rows) {
                if (row.knownAs(id)) {
                    return row;
                }
            }
            return null;
        }

        private static String idsOf(List<Stored> rows) {
            return String.join(" / ", rows.stream().map(r -> "wire " + r.wireId() + ", mid " + r.messageId()).toList());
        }

        private void violation(String rule, String key, String device, String detail) {
            violations.add(rule + ": key " + key + ", device " + device + ": " + detail);
        }
    }

    private static final long[] NONE = {};

    /** The index of the first element of the sorted {@code times} that is at least {@code t}. */
    static int firstAtLeast(long[] times, long t) {
        int low = 0;
        int high = times.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (times[mid] < t) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static <T> Map<String, long[]> sortedTimesByDevice(List<T> events, Function<T, String> device,
            ToLongFunction<T> at) {
        Map<String, List<Long>> times = new HashMap<>();
        for (T e : List.copyOf(events)) {
            times.computeIfAbsent(device.apply(e), d -> new ArrayList<>()).add(at.applyAsLong(e));
        }
        Map<String, long[]> sorted = new HashMap<>();
        times.forEach((d, list) -> {
            long[] array = list.stream().mapToLong(Long::longValue).sorted().toArray();
            sorted.put(d, array);
        });
        return sorted;
    }

    /** {@code "uid/did"} → uid. */
    static String userOf(String device) {
        int slash = device.indexOf('/');
        return slash < 0 ? device : device.substring(0, slash);
    }

    /** JIM clients are named by convention: the did starts with "jim". */
    static boolean isJim(String device) {
        int slash = device.indexOf('/');
        return slash >= 0 && device.startsWith("jim", slash + 1);
    }
}
