package io.chorus.web.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SessionWriterTest {

    @Test
    void send_whileWriteInFlight_queuesAndWritesOneAtATimeInOrder() {
        FakeSession fake = FakeSession.completingOnDemand("s1");
        SessionWriter writer = new SessionWriter(fake.session(), 8);

        writer.send("a");
        writer.send("b");
        writer.send("c");
        assertEquals(List.of("a"), fake.written);

        fake.completeNext();
        fake.completeNext();
        fake.completeNext();

        assertEquals(List.of("a", "b", "c"), fake.written);
        assertEquals(1, fake.maxInFlight());
    }

    @Test
    void sendBinary_keepsOrderWithText_andReportsEachWriteOnlyOnceItCompleted() {
        FakeSession fake = FakeSession.completingOnDemand("s1");
        SessionWriter writer = new SessionWriter(fake.session(), 8);
        List<String> reported = new java.util.ArrayList<>();

        writer.send("a");
        writer.sendBinary(new byte[] {'x'}, () -> reported.add("x"));
        writer.sendBinary(new byte[] {'y'}, () -> reported.add("y"));
        assertEquals(List.of(), reported, "nothing is written before the text ahead of it");

        fake.completeNext();
        assertEquals(List.of("a", "bin:x"), fake.written);
        assertEquals(List.of(), reported, "written is when the container says so, not when it was handed over");
        fake.completeNext();
        assertEquals(List.of("x"), reported);
        fake.completeNext();
        assertEquals(List.of("a", "bin:x", "bin:y"), fake.written);
        assertEquals(List.of("x", "y"), reported);
    }

    @Test
    void send_whenWritesCompleteInline_drainsLongQueueWithoutRecursion() {
        FakeSession fake = FakeSession.completingInline("s1");
        SessionWriter writer = new SessionWriter(fake.session(), 100_000);
        List<String> frames = IntStream.range(0, 100_000).mapToObj(Integer::toString).toList();

        frames.forEach(writer::send);

        assertEquals(frames, fake.written);
    }

    @Test
    void send_whenQueueFull_closesWith1008SlowConsumerAndDropsTheRest() {
        FakeSession fake = FakeSession.completingOnDemand("s1");
        SessionWriter writer = new SessionWriter(fake.session(), 2);

        assertTrue(writer.send("in flight"));
        assertTrue(writer.send("queued 1"));
        assertTrue(writer.send("queued 2"));
        assertFalse(writer.send("one too many"));
        assertFalse(writer.send("after close"));

        assertEquals(1, fake.closes.size());
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, fake.closes.get(0).getCloseCode());
        assertEquals("slow consumer", fake.closes.get(0).getReasonPhrase());
        fake.completeNext();
        assertEquals(List.of("in flight"), fake.written);
    }

    @Test
    void close_whileFramesQueued_closesAfterTheyAreWritten() {
        FakeSession fake = FakeSession.completingOnDemand("s1");
        SessionWriter writer = new SessionWriter(fake.session(), 8);
        writer.send("error frame");
        writer.send("second");

        writer.close(CloseCodes.reason(CloseCodes.TOKEN_INVALID, "token_invalid"));
        assertFalse(writer.send("after close"));
        assertTrue(fake.closes.isEmpty());

        fake.completeNext();
        assertTrue(fake.closes.isEmpty());
        fake.completeNext();

        assertEquals(List.of("error frame", "second"), fake.written);
        assertEquals(4006, fake.closes.get(0).getCloseCode().getCode());
    }

    @Test
    void close_whenIdle_closesAtOnce() {
        FakeSession fake = FakeSession.completingInline("s1");
        SessionWriter writer = new SessionWriter(fake.session(), 8);

        writer.close(CloseCodes.reason(CloseCodes.REPLACED, "replaced"));

        assertEquals(4001, fake.closes.get(0).getCloseCode().getCode());
        assertEquals("replaced", fake.closes.get(0).getReasonPhrase());
    }

    @Test
    void send_whenWriteFails_dropsQueueAndClosesSession() {
        FakeSession fake = FakeSession.completingOnDemand("s1");
        SessionWriter writer = new SessionWriter(fake.session(), 8);
        writer.send("a");
        writer.send("b");

        fake.failNext();

        assertEquals(List.of("a"), fake.written);
        assertEquals(CloseReason.CloseCodes.UNEXPECTED_CONDITION, fake.closes.get(0).getCloseCode());
        assertFalse(writer.send("c"));
    }

    @Test
    void send_fromManyThreads_neverOverlapsWritesAndLosesNothing() throws Exception {
        FakeSession fake = FakeSession.completingInline("s1");
        SessionWriter writer = new SessionWriter(fake.session(), 100_000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> senders = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                senders.add(CompletableFuture.runAsync(
                        () -> IntStream.range(0, 2_000).forEach(i -> writer.send(thread + ":" + i)), pool));
            }
            CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        assertEquals(16_000, fake.written.size());
        assertEquals(1, fake.maxInFlight());
        for (int t = 0; t < 8; t++) {
            String prefix = t + ":";
            List<String> ofThread = fake.written.stream().filter(f -> f.startsWith(prefix)).toList();
            assertEquals(IntStream.range(0, 2_000).mapToObj(i -> prefix + i).toList(), ofThread);
        }
    }
}
