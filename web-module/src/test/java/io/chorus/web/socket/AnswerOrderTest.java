package io.chorus.web.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The rule "answers keep frame order", on one connection, without a container. */
class AnswerOrderTest {
    // Long enough for a frame that does not wait to be answered; a frame that waits stays unanswered.
    private static final long BLOCKED_MILLIS = 300;
    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    private final List<String> written = new CopyOnWriteArrayList<>();
    private final AnswerOrder order = new AnswerOrder(written::add);

    @Test
    void aRefusalMadeOnTheSpot_isWrittenAfterTheAnswerOfTheSendBeforeIt() {
        CompletableFuture<String> send1 = new CompletableFuture<>();
        order.sending(send1, (receipt, failure) -> written.add("ack of " + receipt));

        order.answerAfterSends("refusal of frame 2");
        assertEquals(List.of(), written, "frame 1 is not answered yet, so frame 2's answer waits");

        send1.complete("frame 1");
        assertEquals(List.of("ack of frame 1", "refusal of frame 2"), written);
    }

    @Test
    void sendsAndRefusals_areAnsweredInFrameOrder() {
        CompletableFuture<String> send1 = new CompletableFuture<>();
        CompletableFuture<String> send3 = new CompletableFuture<>();
        order.sending(send1, (receipt, failure) -> written.add("ack of " + receipt));
        order.answerAfterSends("refusal of frame 2");
        order.sending(send3, (receipt, failure) -> written.add("ack of " + receipt));
        order.answerAfterSends("refusal of frame 4");

        send1.complete("frame 1");
        send3.complete("frame 3");

        assertEquals(List.of("ack of frame 1", "refusal of frame 2", "ack of frame 3", "refusal of frame 4"), written);
    }

    @Test
    void aFailedSend_isAnsweredToo_andTheRefusalAfterItFollows() {
        CompletableFuture<String> send1 = new CompletableFuture<>();
        order.sending(send1, (receipt, failure) -> written.add(failure == null ? "ack" : "error of frame 1"));
        order.answerAfterSends("refusal of frame 2");

        send1.completeExceptionally(new IllegalStateException("database away"));

        assertEquals(List.of("error of frame 1", "refusal of frame 2"), written);
    }

    @Test
    void aPing_waitsForThePendingSends() throws Exception {
        CompletableFuture<String> send1 = new CompletableFuture<>();
        order.sending(send1, (receipt, failure) -> written.add("ack of " + receipt));

        CompletableFuture<Void> ping = CompletableFuture.runAsync(() -> {
            order.awaitTurn(AnswerOrder.Turn.OTHER);
            written.add("pong");
        });
        assertThrows(TimeoutException.class, () -> ping.get(BLOCKED_MILLIS, TimeUnit.MILLISECONDS),
                "the pong must not overtake the send's answer");

        send1.complete("frame 1");
        ping.get(AT_ONCE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(List.of("ack of frame 1", "pong"), written);
    }

    @Test
    void aPing_waitsForThePendingAcks() throws Exception {
        CompletableFuture<Void> ack1 = new CompletableFuture<>();
        order.acknowledging(ack1, (settled, failure) -> written.add("ack 1 settled"));

        CompletableFuture<Void> ping = CompletableFuture.runAsync(() -> {
            order.awaitTurn(AnswerOrder.Turn.OTHER);
            written.add("pong");
        });
        assertThrows(TimeoutException.class, () -> ping.get(BLOCKED_MILLIS, TimeUnit.MILLISECONDS));

        ack1.complete(null);
        ping.get(AT_ONCE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(List.of("ack 1 settled", "pong"), written);
    }

    @Test
    void aSend_waitsForTheAcksBeforeIt() throws Exception {
        CompletableFuture<Void> ack1 = new CompletableFuture<>();
        order.acknowledging(ack1, (settled, failure) -> written.add("ack 1 settled"));

        CompletableFuture<Void> send = CompletableFuture.runAsync(() -> {
            order.awaitTurn(AnswerOrder.Turn.PIPELINED_SEND);
            written.add("send 2 submitted");
        });
        assertThrows(TimeoutException.class, () -> send.get(BLOCKED_MILLIS, TimeUnit.MILLISECONDS));

        ack1.complete(null);
        send.get(AT_ONCE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(List.of("ack 1 settled", "send 2 submitted"), written);
    }

    @Test
    void sendsAndAcks_pipeline_withoutWaitingForTheSendsBeforeThem() {
        order.sending(new CompletableFuture<String>(), (receipt, failure) -> written.add("never"));

        assertTimeoutPreemptively(AT_ONCE, () -> order.awaitTurn(AnswerOrder.Turn.PIPELINED_SEND));
        assertTimeoutPreemptively(AT_ONCE, () -> order.awaitTurn(AnswerOrder.Turn.ACK));
    }

    @Test
    void anAck_waitsForNothing() {
        order.acknowledging(new CompletableFuture<Void>(), (settled, failure) -> written.add("never"));

        assertTimeoutPreemptively(AT_ONCE, () -> order.awaitTurn(AnswerOrder.Turn.ACK));
    }

    @Test
    void afterAFailedAck_theNextFrameGoesAhead() {
        CompletableFuture<Void> ack1 = new CompletableFuture<>();
        order.acknowledging(ack1, (settled, failure) -> written.add("ack 1 failed"));
        ack1.completeExceptionally(new IllegalStateException("database away"));

        assertTimeoutPreemptively(AT_ONCE, () -> order.awaitTurn(AnswerOrder.Turn.OTHER));
        assertEquals(List.of("ack 1 failed"), written);
    }
}
