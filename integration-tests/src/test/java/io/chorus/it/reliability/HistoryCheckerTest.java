package io.chorus.it.reliability;

import static io.chorus.it.reliability.HistoryChecker.ACKED_BUT_LOST;
import static io.chorus.it.reliability.HistoryChecker.LATE;
import static io.chorus.it.reliability.HistoryChecker.MISROUTED;
import static io.chorus.it.reliability.HistoryChecker.NEVER_DELIVERED;
import static io.chorus.it.reliability.HistoryChecker.NEW_ID;
import static io.chorus.it.reliability.HistoryChecker.NOT_ACKED;
import static io.chorus.it.reliability.HistoryChecker.NOT_STORED;
import static io.chorus.it.reliability.HistoryChecker.OUT_OF_ORDER;
import static io.chorus.it.reliability.HistoryChecker.REFUSED_BUT_STORED;
import static io.chorus.it.reliability.HistoryChecker.STORED_TWICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.reliability.History.Acked;
import io.chorus.it.reliability.History.Cast;
import io.chorus.it.reliability.History.Connected;
import io.chorus.it.reliability.History.Disconnected;
import io.chorus.it.reliability.History.Fault;
import io.chorus.it.reliability.History.Received;
import io.chorus.it.reliability.History.Refused;
import io.chorus.it.reliability.History.Sent;
import io.chorus.it.reliability.History.Stored;
import io.chorus.it.reliability.HistoryChecker.Report;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The history checker fails when it should: each broken promise of issue 22 fed to it on its own is
 * found, under its rule, for the right key and device; a clean history with faults, resends and a
 * reconnect passes with the right figures. A plain unit test (surefire, no server).
 */
class HistoryCheckerTest {
    private static final Duration BOUND = Duration.ofSeconds(1);

    // ---- a clean run passes --------------------------------------------------------------------

    @Test
    void aCleanHistory_withAFault_resends_andAReconnect_passesWithItsFigures() {
        Run run = cast().connectAll(0);
        // C2C, no fault: 5..10 ms after the ack.
        run.send("m1", "alice/web", "bob", 100).ack(105).store().receivedBy(110, "bob/web", "bob/phone", "alice/jim1");
        // Group, acked during a fault: the delay counts from the heal (1200), the worst is 130 ms.
        run.fault("postgres-restart", 200, 1200);
        run.sendToGroup("m2", "bob/web", "g", 300).ack(500).store()
                .receivedBy(1300, "alice/web", "alice/jim1", "bob/phone").receivedBy(1330, "carol/web");
        run.receivedAgain("bob/phone", "m2", 1400).receivedAgain("alice/jim1", "m1", 1500);
        // carol is away when m3 is acked; she gets it 50 ms after her reconnect, 3.9 s after the ack.
        run.disconnect("carol/web", 2000);
        run.send("m3", "alice/jim1", "carol", 2100).ack(2105).store().receivedBy(2110, "alice/web");
        run.connect("carol/web", 6000).receivedBy("m3", 6050, "carol/web");
        // bob/phone leaves for good before m4: nothing is owed to it (counted, not failed).
        run.disconnect("bob/phone", 2500);
        run.send("m4", "alice/web", "bob", 3000).ack(3004).store().receivedBy(3010, "bob/web", "alice/jim1");

        Report report = run.check();

        assertEquals(List.of(), report.violations(), report::toString);
        assertTrue(report.passed());
        assertEquals(4, report.messagesSent());
        assertEquals(4, report.acked());
        assertEquals(4, report.stored());
        assertEquals(3 + 4 + 2 + 2, report.deliveriesExpected());
        assertEquals(3 + 4 + 2 + 2, report.delivered());
        assertEquals(1, report.notConnected());
        assertEquals(1, report.faults());
        assertEquals(2, report.duplicates());
        assertEquals(130, report.maxDelayAfterHealMs());
        assertEquals(0, report.inDoubt());
    }

    @Test
    void aRefusedSend_retriedAndAcked_isStoredRightly() {
        Run run = cast().connectAll(0);
        run.send("m1", "alice/web", "bob", 100).refuse(101, "retryable").ack(900).store()
                .receivedBy(910, "bob/web", "bob/phone", "alice/jim1");

        assertTrue(run.check().passed(), run.check()::toString);
    }

    @Test
    void aRefusedSend_leftUnstored_passes() {
        Run run = cast().connectAll(0);
        run.send("m1", "alice/web", "bob", 100).refuse(101, "retryable");

        Report report = run.check();
        assertTrue(report.passed(), report::toString);
        assertEquals(1, report.messagesSent());
        assertEquals(0, report.acked());
    }

    // ---- lost ------------------------------------------------------------------------------------

    @Test
    void anAckedMessage_thatAConnectedRecipientNeverGets_isNeverDelivered() {
        Run run = cast().connectAll(0);
        run.send("m1", "alice/web", "bob", 100).ack(105).store().receivedBy(110, "bob/web", "alice/jim1");

        Report report = run.check();
        assertOnly(report, NEVER_DELIVERED, "m1", "bob/phone");
        assertEquals(3, report.deliveriesExpected());
        assertEquals(2, report.delivered());
    }

    @Test
    void anAckedMessage_thatNoRowHolds_isAckedButLost() {
        Run run = cast().connectAll(0);
        run.send("m1", "alice/web", "bob", 100).ack(105);

        assertOnly(run.check(), ACKED_BUT_LOST, "m1", "alice/web");
    }

    @Test
    void aDeviceLiveAtTheAck_thatClosesAndNeverReturns_isStillOwedTheMessage() {
        Run run = cast().connectAll(0);
        run.send("m1", "alice/web", "bob", 100).ack(105).store().receivedBy(110, "bob/web", "alice/jim1");
        run.disconnect("bob/phone", 106);

        assertOnly(run.check(), NEVER_DELIVERED, "m1", "bob/phone");
    }

    @Test
    void aDeviceThatClosedAndReconnectedInOneMillisecond_beforeTheAck_isLive() {
        Run run = cast().connectAll(0);
        run.disconnect("bob/phone", 50).connect("bob/phone", 50);
        run.send("m1", "alice/web", "bob", 100).ack(105).store().receivedBy(110, "bob/web", "alice/jim1");

        assertOnly(run.check(), NEVER_DELIVERED, "m1", "bob/phone");
    }

    @Test
    void aDeviceThatReturnsOnlyAfterTheRunEnded_isOwedNothing() {
        Run run = cast().connectAll(0);
        run.disconnect("bob/phone", 50);
        run.send("m1", "alice/web", "bob", 100).ack(105).store().receivedBy(110, "bob/web", "alice/jim1");
        run.connect("bob/phone", Run.END + 1);

        Report report = run.check();
        assertTrue(report.passed(), report::toString);
        assertEquals(1, report.notConnected());
        assertEquals(2, report.deliveriesExpected());
    }

    // ---- reordered ---------------------------------------------------------------------------------

    @Test
    void twoFirstReceipts_inFallingSeqOrder_areOutOfOrder() {
        Run run = cast().connectAll(0);
        Msg m1 = run.send("m1", "alice/web", "bob", 100).ack(105).store();
        Msg m2 = run.send("m2", "alice/web", "bob", 110).ack(115).store();
        m2.receivedBy(120, "bob/web", "bob/phone", "alice/jim1");
        m1.receivedBy(125, "bob/phone", "alice/jim1");
        m1.receivedBy(130, "bob/web");

        Report report = run.check();
        assertEquals(List.of(OUT_OF_ORDER, OUT_OF_ORDER, OUT_OF_ORDER), rules(report), report::toString);
        assertTrue(report.violations().get(2).contains("device bob/web"), report::toString);
        assertTrue(report.violations().get(2).contains("seq 1 received after seq 2"), report::toString);
    }

    @Test
    void twoFirstReceiptsInOneMillisecond_areJudgedByListOrder_notByTime() {
        Run run = cast().connectAll(0);
        Msg m1 = run.send("m1", "alice/web", "bob", 100).ack(105).store();
        Msg m2 = run.send("m2", "alice/web", "bob", 110).ack(115).store();
        m1.receivedBy(120, "bob/phone", "alice/jim1");
        m2.receivedBy(120, "bob/phone", "alice/jim1");
        m2.receivedBy(120, "bob/web");
        m1.receivedBy(120, "bob/web");

        assertOnly(run.check(), OUT_OF_ORDER, "m1", "bob/web");
    }

    // ---- duplicated with a new id ------------------------------------------------------------------

    @Test
    void aKeyStoredTwice_isADuplicateWithANewId() {
        Run run = cast().connectAll(0);
        run.send("m1", "alice/web", "bob", 100).ack(105).store().storeAgain()
                .receivedBy(110, "bob/web", "bob/phone", "alice/jim1");

        Report report = run.check();
        assertOnly(report, STORED_TWICE, "m1", "alice/web");
        assertEquals(2, report.stored());
    }

    @Test
    void aKeyStoredTwice_andReceivedUnderBothIds_isAlsoANewIdResend() {
        Run run = cast().connectAll(0);
        Msg m1 = run.send("m1", "alice/web", "bob", 100).ack(105).store();
        m1.receivedBy(110, "bob/web", "bob/phone", "alice/jim1");
        m1.storeAgain();
        run.received("bob/web", "m1", m1.secondWireId(), 2000);

        Report report = run.check();
        assertEquals(List.of(STORED_TWICE, NEW_ID), rules(report), report::toString);
        assertTrue(report.violations().get(1).contains("device bob/web"), report::toString);
        assertEquals(0, report.duplicates());
    }

    @Test
    void aKeyReceivedUnderAForeignId_isANewId() {
        Run run = cast().connectAll(0);
        run.send("m1", "alice/web", "bob", 100).ack(105).store().receivedBy(110, "bob/web", "alice/jim1");
        run.received("bob/phone", "m1", "w-somebody-else", 112);

        assertOnly(run.check(), NEW_ID, "m1", "bob/phone");
    }

    @Test
    void aReceiptOfAKeyNoRowHolds_isDeliveredButNotStored() {
        Run run = cast().connectAll(0);
        run.send("m1", "alice/web", "bob", 100).refuse(101, "retryable");
        run.received("bob/web", "m1", "w-m1", 110);

        assertOnly(run.check(), NOT_STORED, "m1", "bob/web");
    }

    // ---- misrouted ---------------------------------------------------------------------------------

    @Test
    void aGroupMessage_toANonMembersDevice_isMisrouted() {
        Run run = cast().connectAll(0);
        run.sendToGroup("m1", "bob/web", "g", 100).ack(105).store()
                .receivedBy(110, "alice/web", "alice/jim1", "bob/phone", "carol/web", "dave/web");

        assertOnly(run.check(), MISROUTED, "m1", "dave/web");
    }

    @Test
    void theSendingDevice_gettingItsOwnMessage_isMisrouted() {
        Run run = cast().connectAll(0);
        run.send("m1", "alice/web", "bob", 100).ack(105).store()
                .receivedBy(110, "bob/web", "bob/phone", "alice/jim1", "alice/web");

        Report report = run.check();
        assertOnly(report, MISROUTED, "m1", "alice/web");
        assertTrue(report.violations().get(0).contains("its own message"), report::toString);
    }

    // ---- late ------------------------------------------------------------------------------------

    @Test
    void aMessageReceivedLongerThanTheBoundAfterTheHeal_isLate() {
        Run run = cast().connectAll(0);
        run.fault("broker-away", 200, 1200);
        run.send("m1", "alice/web", "bob", 300).ack(310).store()
                .receivedBy(1250, "bob/web", "alice/jim1").receivedBy(1200 + 1001, "bob/phone");

        Report report = run.check();
        assertOnly(report, LATE, "m1", "bob/phone");
        assertTrue(report.violations().get(0).contains("1001 ms after the heal"), report::toString);
        assertEquals(1001, report.maxDelayAfterHealMs());
    }

    @Test
    void aFaultBeginningWithinTheBoundAfterTheAck_movesTheDeadlineToItsHeal() {
        Run run = cast().connectAll(0);
        run.send("m1", "alice/web", "bob", 100).ack(110).store().receivedBy(150, "bob/web", "alice/jim1");
        // bob's phone sits on the node paused 900 ms after the ack (within the 1 s bound): it gets m1 at the heal.
        run.fault("node-paused", 1010, 5000);
        run.receivedBy("m1", 5100, "bob/phone");

        Report report = run.check();
        assertTrue(report.passed(), report::toString);
        assertEquals(100, report.maxDelayAfterHealMs());
    }

    @Test
    void aFaultBeginningAfterTheBound_excusesNothing() {
        Run run = cast().connectAll(0);
        run.send("m1", "alice/web", "bob", 100).ack(110).store().receivedBy(150, "bob/web", "alice/jim1");
        run.fault("node-paused", 1111, 5000);
        run.receivedBy("m1", 5100, "bob/phone");

        Report report = run.check();
        assertOnly(report, LATE, "m1", "bob/phone");
        assertTrue(report.violations().get(0).contains("4990 ms after the ack"), report::toString);
    }

    @Test
    void aMessageReceivedLongerThanTheBoundAfterAReconnect_isLate() {
        Run run = cast().connectAll(0);
        run.disconnect("carol/web", 50);
        run.send("m1", "alice/web", "carol", 100).ack(105).store().receivedBy(110, "alice/jim1");
        run.connect("carol/web", 5000).receivedBy("m1", 6500, "carol/web");

        assertOnly(run.check(), LATE, "m1", "carol/web");
    }

    // ---- delivered but not acked -------------------------------------------------------------------

    @Test
    void aWsSend_deliveredButNeverAcked_fails_evenIfItsSocketClosed() {
        Run run = cast().connectAll(0);
        run.send("m1", "alice/web", "bob", 100).store().receivedBy(110, "bob/web", "bob/phone", "alice/jim1");
        run.disconnect("alice/web", 120);

        Report report = run.check();
        assertOnly(report, NOT_ACKED, "m1", "alice/web");
        assertEquals(0, report.inDoubt());
    }

    @Test
    void aJimSend_deliveredWhileItsSocketClosedUnanswered_isInDoubt_notFailed() {
        Run run = cast().connectAll(0);
        run.send("m1", "alice/jim1", "bob", 100).store().receivedBy(110, "bob/web", "bob/phone", "alice/web");
        run.disconnect("alice/jim1", 120);

        Report report = run.check();
        assertTrue(report.passed(), report::toString);
        assertEquals(1, report.inDoubt());
    }

    @Test
    void aJimSend_deliveredAfterItsSenderStoppedWaiting_isInDoubt_notFailed() {
        Run run = cast().connectAll(0);
        run.send("m1", "alice/jim1", "bob", 100).store().receivedBy(110, "bob/web", "bob/phone", "alice/web");
        run.history.timedOut.add(new History.TimedOut("alice/jim1", "m1", 15_100));

        Report report = run.check();
        assertTrue(report.passed(), report::toString);
        assertEquals(1, report.inDoubt());
    }

    @Test
    void aJimSend_deliveredButNeverAnswered_onASocketThatStayedOpen_fails() {
        Run run = cast().connectAll(0);
        run.send("m1", "alice/jim1", "bob", 100).store().receivedBy(110, "bob/web", "bob/phone", "alice/web");

        Report report = run.check();
        assertOnly(report, NOT_ACKED, "m1", "alice/jim1");
        assertEquals(0, report.inDoubt());
    }

    // ---- refused ---------------------------------------------------------------------------------

    @Test
    void aRefusedSend_neverAcked_butStored_isRefusedButStored() {
        Run run = cast().connectAll(0);
        run.send("m1", "alice/web", "bob", 100).refuse(101, "retryable").store()
                .receivedBy(110, "bob/web", "bob/phone", "alice/jim1");

        assertOnly(run.check(), REFUSED_BUT_STORED, "m1", "alice/web");
    }

    // ---- the report ------------------------------------------------------------------------------

    @Test
    void theReport_printsItsFigures_andTheFirstTwentyViolations() {
        Run run = cast().connectAll(0);
        for (int i = 0; i < 25; i++) {
            run.send("m" + i, "alice/web", "bob", 100 + i).ack(200 + i);
        }

        Report report = run.check();
        String printed = report.toString();
        assertEquals(25, report.violations().size());
        assertTrue(printed.contains("messages sent 25, acked 25, stored 0"), printed);
        assertTrue(printed.contains("violations 25"), printed);
        assertTrue(printed.contains("acked but lost: key m19,"), printed);
        assertFalse(printed.contains("key m20,"), printed);
        assertTrue(printed.endsWith("... and 5 more"), printed);
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** The one violation is of {@code rule}, for {@code key} on {@code device}. */
    private static void assertOnly(Report report, String rule, String key, String device) {
        assertEquals(1, report.violations().size(), report::toString);
        String line = report.violations().get(0);
        assertTrue(line.startsWith(rule + ": key " + key + ", device " + device + ":"), report::toString);
    }

    private static List<String> rules(Report report) {
        return report.violations().stream().map(v -> v.substring(0, v.indexOf(": key "))).toList();
    }

    /**
     * The cast every test uses: alice (a /ws and a JIM device), bob (two /ws devices), carol, and
     * dave who is in no group; group g is alice, bob and carol.
     */
    private static Run cast() {
        return new Run()
                .user("alice", "web", "jim1")
                .user("bob", "web", "phone")
                .user("carol", "web")
                .user("dave", "web")
                .group("g", "alice", "bob", "carol");
    }

    /** A history written a line at a time, and the database rows next to it. */
    private static final class Run {
        static final long END = 100_000;
        final History history = new History();
        final List<Stored> stored = new ArrayList<>();
        final Map<String, Set<String>> devicesByUser = new LinkedHashMap<>();
        final Map<String, Set<String>> membersByGroup = new LinkedHashMap<>();
        final Map<String, Long> conversationIds = new HashMap<>();
        final Map<Long, Long> lastSeq = new HashMap<>();
        final Map<String, Msg> messages = new HashMap<>();
        long nextMessageId = 1000;

        Run user(String uid, String... dids) {
            Set<String> devices = devicesByUser.computeIfAbsent(uid, u -> new LinkedHashSet<>());
            for (String did : dids) {
                devices.add(uid + "/" + did);
            }
            return this;
        }

        Run group(String gid, String... uids) {
            membersByGroup.put(gid, new LinkedHashSet<>(List.of(uids)));
            return this;
        }

        Run connectAll(long at) {
            devicesByUser.values().forEach(devices -> devices.forEach(d -> connect(d, at)));
            return this;
        }

        Run connect(String device, long at) {
            history.connected.add(new Connected(device, 1, at));
            return this;
        }

        Run disconnect(String device, long at) {
            history.disconnected.add(new Disconnected(device, at, "closed by the test"));
            return this;
        }

        Run fault(String name, long start, long healed) {
            history.faults.add(new Fault(name, start, healed));
            return this;
        }

        Msg send(String key, String from, String toUid, long at) {
            return sent(new Sent(from, key, false, toUid, at), "c2c:" + String.join(",",
                    new java.util.TreeSet<>(List.of(HistoryChecker.userOf(from), toUid))));
        }

        Msg sendToGroup(String key, String from, String gid, long at) {
            return sent(new Sent(from, key, true, gid, at), "group:" + gid);
        }

        private Msg sent(Sent sent, String conversation) {
            history.sent.add(sent);
            long conversationId = conversationIds.computeIfAbsent(conversation, c -> 1L + conversationIds.size());
            Msg msg = new Msg(this, sent, conversationId);
            messages.put(sent.key(), msg);
            return msg;
        }

        /** A receipt under any id. */
        Run received(String device, String key, String id, long at) {
            history.received.add(new Received(device, key, id, at));
            return this;
        }

        /** A resend: the same key under the id the device's dialect shows. */
        Run receivedAgain(String device, String key, long at) {
            messages.get(key).receivedBy(at, device);
            return this;
        }

        Run receivedBy(String key, long at, String... devices) {
            messages.get(key).receivedBy(at, devices);
            return this;
        }

        Report check() {
            return HistoryChecker.check(history, stored, new Cast(devicesByUser, membersByGroup), BOUND, END);
        }
    }

    /** One message: its ack or refusal, its rows, its receipts. */
    private static final class Msg {
        final Run run;
        final Sent sent;
        final long conversationId;
        final List<Stored> rows = new ArrayList<>();

        Msg(Run run, Sent sent, long conversationId) {
            this.run = run;
            this.sent = sent;
            this.conversationId = conversationId;
        }

        Msg ack(long at) {
            run.history.acked.add(new Acked(sent.device(), sent.key(), "w-" + sent.key(), at));
            return this;
        }

        Msg refuse(long at, String code) {
            run.history.refused.add(new Refused(sent.device(), sent.key(), code, at));
            return this;
        }

        /** Stored with the next seq of its conversation; the wire id is "w-" + key. */
        Msg store() {
            return storeAs("w-" + sent.key());
        }

        /** A second row for the key: a retry that made a new message. */
        Msg storeAgain() {
            return storeAs("w-" + sent.key() + "-again");
        }

        String secondWireId() {
            return rows.get(1).wireId();
        }

        private Msg storeAs(String wireId) {
            long seq = run.lastSeq.merge(conversationId, 1L, Long::sum);
            Stored row = new Stored(sent.key(), run.nextMessageId++, wireId, conversationId, seq, sent.device());
            rows.add(row);
            run.stored.add(row);
            return this;
        }

        /** Each device gets the first row under the id its dialect shows: the MID on JIM, else the wire id. */
        Msg receivedBy(long at, String... devices) {
            for (String device : devices) {
                String id = rows.isEmpty() ? "w-" + sent.key()
                        : HistoryChecker.isJim(device) ? Long.toString(rows.get(0).messageId()) : rows.get(0).wireId();
                run.history.received.add(new Received(device, sent.key(), id, at));
            }
            return this;
        }
    }
}
