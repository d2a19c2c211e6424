package io.chorus.web.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.chorus.app.account.Caller;
import io.chorus.app.delivery.Acknowledgements.DeliveredCopy;
import io.chorus.app.delivery.DeliveryService;
import io.chorus.app.event.DeviceSignedIn;
import io.chorus.app.event.PresenceChanged;
import io.chorus.app.event.RevokedMessage;
import io.chorus.app.event.StoredMessage;
import io.chorus.app.metrics.NodeMetrics;
import io.chorus.domain.message.ConversationKind;
import io.chorus.web.socket.ClientConnection;
import io.chorus.web.socket.Dialect;
import io.chorus.web.socket.FakeSession;
import io.chorus.web.socket.TestConnections;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resend clock of a device's feed (SPEC §5.3), without a container: a recording session and a text dialect. */
class DeviceFeedTest {
    private static final long RESEND_AFTER = 5_000;
    private static final long FAR_FUTURE = Long.MAX_VALUE / 2;

    private final FakeSession socket = FakeSession.completingOnDemand("s1");
    private final ClientConnection connection = TestConnections.connection(socket.session(),
            new Caller(1, "u1", 10, "phone", false), new PlainTextDialect());
    private final DeviceFeed feed = new DeviceFeed(connection, new NoBacklog(), new NodeMetrics(), new long[] {RESEND_AFTER, RESEND_AFTER});

    @Test
    void aFrameStillInTheWriteQueue_isNotResent_andItsClockStartsWhenWritten() {
        feed.replayBacklog();
        feed.offer(message("m1", 1));

        feed.resendDue(FAR_FUTURE);
        assertEquals(List.of("m1"), socket.written, "queued, not written yet: no clock");

        socket.completeNext();
        long writtenAt = System.currentTimeMillis();
        feed.resendDue(writtenAt + RESEND_AFTER - 1_000);
        assertEquals(List.of("m1"), socket.written, "written just now: not due");

        feed.resendDue(FAR_FUTURE);
        assertEquals(List.of("m1", "m1"), socket.written, "due once written and unanswered");
    }

    @Test
    void aCopyWhoseAckIsSettling_isNotResent_untilTheSettlingFails() {
        feed.replayBacklog();
        feed.offer(message("m1", 1));
        socket.completeNext();

        feed.settling(ConversationKind.DIRECT.code(), "m1");
        feed.resendDue(FAR_FUTURE);
        assertEquals(List.of("m1"), socket.written, "its ack is committing");

        feed.settleFailed(ConversationKind.DIRECT.code(), "m1");
        feed.resendDue(FAR_FUTURE);
        assertEquals(List.of("m1", "m1"), socket.written, "the ack was not settled: due again");
    }

    @Test
    void aDeviceThatKeepsAcknowledging_isNotResentTo_untilItFallsQuiet() {
        long[] now = {1_000_000};
        DeviceFeed timed = new DeviceFeed(connection, new NoBacklog(), new NodeMetrics(), new long[] {RESEND_AFTER, RESEND_AFTER},
                () -> now[0]);
        timed.replayBacklog();
        timed.offer(message("m1", 1));
        timed.offer(message("m2", 2));
        socket.completeNext();
        socket.completeNext();

        now[0] += 4_000;
        timed.settling(ConversationKind.DIRECT.code(), "m1");
        timed.resendDue(1_000_000 + RESEND_AFTER + 1);
        assertEquals(List.of("m1", "m2"), socket.written, "m2 is overdue since its write, but the device acked m1 4 s ago: it is behind, not lost");

        timed.resendDue(now[0] + RESEND_AFTER);
        assertEquals(List.of("m1", "m2", "m2"), socket.written, "quiet for the delay since its last ack: resent");
    }

    @Test
    void aCopyPastItsLastResend_isNotSentAgain_butItsLateAckIsStillItsOwn() {
        feed.replayBacklog();
        feed.offer(message("m1", 1));
        socket.completeNext();
        feed.resendDue(FAR_FUTURE);
        socket.completeNext();
        feed.resendDue(FAR_FUTURE);
        socket.completeNext();
        assertEquals(List.of("m1", "m1", "m1"), socket.written, "sent, resent, resent for the last time");

        feed.resendDue(FAR_FUTURE);
        assertEquals(3, socket.written.size(), "no resend after the last");
        // A late ack still names a copy the feed knows: it goes to the acks' group commit.
        assertEquals(1L, feed.settling(ConversationKind.DIRECT.code(), "m1"));
        feed.settleFailed(ConversationKind.DIRECT.code(), "m1");
        feed.resendDue(FAR_FUTURE);
        assertEquals(3, socket.written.size(), "a failed settle does not bring the resends back");
    }

    @Test
    void copiesPastTheirLastResend_areRememberedUpToALimit_oldestForgottenFirst() {
        FakeSession inline = FakeSession.completingInline("s2");
        ClientConnection neverAcks = TestConnections.connection(inline.session(), new Caller(1, "u1", 10, "phone", false),
                new PlainTextDialect(), 4 * DeviceFeed.RETIRED_REMEMBERED);
        DeviceFeed silent = new DeviceFeed(neverAcks, new NoBacklog(), new NodeMetrics(), new long[] {RESEND_AFTER, RESEND_AFTER});
        silent.replayBacklog();
        int copies = DeviceFeed.RETIRED_REMEMBERED + 1;
        for (int i = 1; i <= copies; i++) {
            silent.offer(message("m" + i, i));
        }
        silent.resendDue(FAR_FUTURE);
        silent.resendDue(FAR_FUTURE);

        String type = ConversationKind.DIRECT.code();
        assertNull(silent.settling(type, "m1"), "the oldest is forgotten: a device that never acks does not grow the feed");
        assertEquals(2L, silent.settling(type, "m2"));
        assertEquals((long) copies, silent.settling(type, "m" + copies));
    }

    // --- delivered receipts: known from what was sent, no query ---------------------------

    @Test
    void aPeersMessage_inFlight_tellsItsSenderWhatWasDelivered() {
        feed.replayBacklog();
        feed.offer(message("m1", 1));

        assertEquals(new DeliveredCopy("u1", "u2", 7, 1), feed.deliveredCopy(ConversationKind.DIRECT.code(), "m1"));
        assertNull(feed.deliveredCopy(ConversationKind.DIRECT.code(), "unknown"));
    }

    @Test
    void theUsersOwnMessage_fromAnotherDevice_tellsNobody() {
        feed.replayBacklog();
        feed.offer(new StoredMessage(1, ConversationKind.DIRECT, 7, 1, "mine", "u1", "u2", "{}", 0, 0, 30, List.of(1L, 2L)));

        assertNull(feed.deliveredCopy(ConversationKind.DIRECT.code(), "mine"));
    }

    @Test
    void aGroupMessage_tellsNobody() {
        feed.replayBacklog();
        feed.offer(new StoredMessage(1, ConversationKind.GROUP, 8, 1, "g1", "u2", "g", "{}", 0, 0, 20, List.of(1L, 2L)));

        assertNull(feed.deliveredCopy(ConversationKind.GROUP.code(), "g1"));
    }

    // --- the delivery sweep ---------------------------------------------------------------

    /** Messages committed whose events never came, as the database holds them for the device. */
    private final Pending pending = new Pending();
    private final FakeSession swept = FakeSession.completingInline("s3");
    private final DeviceFeed sweptFeed = new DeviceFeed(TestConnections.connection(swept.session(),
            new Caller(1, "u1", 10, "phone", false), new PlainTextDialect()), pending, new NodeMetrics(), new long[] {RESEND_AFTER});

    @Test
    void aPendingMessageNoEventBrought_goesOutAtTheSecondSweepThatFindsIt_inSeqOrder() {
        sweptFeed.replayBacklog();
        pending.add(message("m1", 1), message("m2", 2));

        assertEquals(0, sweptFeed.swept(Map.of(7L, 2L)), "found once: its event may still be on the way");
        assertEquals(List.of(), swept.written);

        assertEquals(2, sweptFeed.swept(Map.of(7L, 2L)), "found again: its event was lost");
        assertEquals(List.of("m1", "m2"), swept.written);

        sweptFeed.offer(message("m2", 2));
        sweptFeed.swept(Map.of(7L, 2L));
        sweptFeed.swept(Map.of(7L, 2L));
        assertEquals(List.of("m1", "m2"), swept.written, "the late event and later sweeps send nothing twice");
    }

    @Test
    void anEventArrivingBetweenTwoSweeps_leavesNothingForTheSweep() {
        sweptFeed.replayBacklog();
        pending.add(message("m1", 1));
        sweptFeed.swept(Map.of(7L, 1L));

        sweptFeed.offer(message("m1", 1));
        assertEquals(0, sweptFeed.swept(Map.of(7L, 1L)), "sent by its event, awaiting its ack");
        assertEquals(List.of("m1"), swept.written);
    }

    @Test
    void aSweepFillsOnlyUpToWhatItFoundBefore_theNewerHeadMayStillBeInFlight() {
        sweptFeed.replayBacklog();
        pending.add(message("m1", 1));
        sweptFeed.swept(Map.of(7L, 1L));
        pending.add(message("m2", 2));

        assertEquals(1, sweptFeed.swept(Map.of(7L, 2L)));
        assertEquals(List.of("m1"), swept.written);
        assertEquals(1, sweptFeed.swept(Map.of(7L, 2L)));
        assertEquals(List.of("m1", "m2"), swept.written);
    }

    @Test
    void beforeTheBacklogIsReplayed_theSweepLeavesTheDeviceToTheReplay() {
        pending.add(message("m1", 1));
        assertEquals(0, sweptFeed.swept(Map.of(7L, 1L)));
        assertEquals(0, sweptFeed.swept(Map.of(7L, 1L)));
        assertEquals(List.of(), swept.written);
    }

    private static StoredMessage message(String wireId, long seq) {
        return new StoredMessage(seq, ConversationKind.DIRECT, 7, seq, wireId, "u2", "u1", "{}", 0, 0, 20, List.of(1L, 2L));
    }

    /** Writes the wire id as the frame; resends it until acknowledged. */
    private static final class PlainTextDialect implements Dialect {
        @Override
        public String deliver(ClientConnection connection, StoredMessage message, Runnable onWritten) {
            connection.send(message.wireId(), onWritten);
            return message.wireId();
        }

        @Override
        public void revoked(ClientConnection connection, RevokedMessage revoked) {
        }

        @Override
        public void presence(ClientConnection connection, PresenceChanged presence) {
        }

        @Override
        public void anotherDevice(ClientConnection connection, DeviceSignedIn signedIn, boolean kicked) {
        }

        @Override
        public void replaced(ClientConnection connection) {
        }

        @Override
        public void tokensRevoked(ClientConnection connection) {
        }
    }

    /** A device's pending rows of conversation 7 held in memory; nothing at connect. */
    private static final class Pending extends DeliveryService {
        private final List<StoredMessage> rows = new ArrayList<>();

        void add(StoredMessage... messages) {
            rows.addAll(List.of(messages));
        }

        @Override
        public List<StoredMessage> backlog(long deviceId) {
            return List.of();
        }

        @Override
        public List<StoredMessage> pendingBetween(long deviceId, long conversationId, long afterSeq, long beforeSeq) {
            return rows.stream().filter(m -> m.conversationId() == conversationId && m.seq() > afterSeq && m.seq() < beforeSeq)
                    .sorted(Comparator.comparingLong(StoredMessage::seq)).toList();
        }
    }

    /** A device with nothing waiting in the database. */
    private static final class NoBacklog extends DeliveryService {
        @Override
        public List<StoredMessage> backlog(long deviceId) {
            return List.of();
        }
    }
}
