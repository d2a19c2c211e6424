package io.chorus.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Counts what Gatling cannot: every message the scenario sent (its id, send time and how many
 * devices must get it), the server's acks, each delivery per receiving device (first copy counted,
 * later copies are duplicates), order per conversation, and send→receive latency from the arrival
 * time Gatling stamped on the frame. Lost = server-acknowledged but not delivered to every device
 * that should have it by the end of the run (after its drain period).
 */
final class Recorder {

    private static final int SECONDS = 7200;

    static final class Msg {
        final int ordinal;
        final long sentMs;
        final int expected;
        final AtomicLong ackMs = new AtomicLong();
        final AtomicInteger deliveries = new AtomicInteger();

        Msg(int ordinal, long sentMs, int expected) {
            this.ordinal = ordinal;
            this.sentMs = sentMs;
            this.expected = expected;
        }
    }

    final String scenario;
    /** The id prefix of messages sent before the measured window, to warm the server up. */
    static final String WARMUP = "warm-";

    final String tag;
    final long originMs = System.currentTimeMillis();
    private final ConcurrentHashMap<String, Msg> msgs = new ConcurrentHashMap<>();
    private final AtomicInteger ordinals = new AtomicInteger();
    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder outOfOrder = new LongAdder();
    private final LongAdder foreign = new LongAdder();
    // Acks and deliveries of warm-up messages (ids starting with WARMUP): counted, never measured.
    private final LongAdder warmupFrames = new LongAdder();
    private final LongAdder notices = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> otherFrames = new ConcurrentHashMap<>();
    private final Set<Long> seen = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Long> lastSeq = new ConcurrentHashMap<>();
    private final ConcurrentHistogram latency = new ConcurrentHistogram(3);
    private final ConcurrentHistogram ackLatency = new ConcurrentHistogram(3);
    private final LongAdder[] sendsPerSecond = adders();
    private final LongAdder[] deliveriesPerSecond = adders();
    private final AtomicLong firstSend = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastSend = new AtomicLong();
    private final AtomicLong firstDelivery = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastDelivery = new AtomicLong();
    // Per-window figures (`window`, C2cSimulation's cold start): windows of windowMs from windowOrigin,
    // by the client's arrival time of the frame; off (null) unless windows(...) was called.
    private static final int MAX_WINDOWS = 200;
    private volatile long windowOrigin;
    private volatile long windowMs;
    private volatile Window[] windows;

    static final class Window {
        final LongAdder sent = new LongAdder();
        final LongAdder delivered = new LongAdder();
        final LongAdder busy = new LongAdder();
        final LongAdder otherErrors = new LongAdder();
        final ConcurrentHistogram latency = new ConcurrentHistogram(3);
        volatile double serverCores = -1;
        volatile double postgresCores = -1;
        volatile double machineCores = -1;
    }

    final AtomicIntegerArray perReceiver;
    final AtomicLongArray lastArrival;

    Recorder(String scenario, String tag, int receivers) {
        this.scenario = scenario;
        this.tag = tag;
        this.perReceiver = new AtomicIntegerArray(receivers);
        this.lastArrival = new AtomicLongArray(receivers);
    }

    /** Counts per window of {@code lengthMs} from {@code originMs} from now on (see {@link #windowTable}). */
    void windows(long originMs, long lengthMs) {
        Window[] w = new Window[MAX_WINDOWS];
        Arrays.setAll(w, i -> new Window());
        this.windowOrigin = originMs;
        this.windowMs = lengthMs;
        this.windows = w;
    }

    /** The window of time {@code ms}, or null (windows off, or before their origin). */
    Window window(long ms) {
        Window[] w = windows;
        if (w == null || ms < windowOrigin) {
            return null;
        }
        return w[(int) Math.min(MAX_WINDOWS - 1, (ms - windowOrigin) / windowMs)];
    }

    private static LongAdder[] adders() {
        LongAdder[] a = new LongAdder[SECONDS];
        Arrays.setAll(a, i -> new LongAdder());
        return a;
    }

    private int second(long ms) {
        return (int) Math.max(0, Math.min(SECONDS - 1, (ms - originMs) / 1000));
    }

    /** Records a send about to leave; `expected` devices must receive it. */
    void sent(String id, long sentMs, int expected) {
        msgs.put(id, new Msg(ordinals.getAndIncrement(), sentMs, expected));
        sent.increment();
        sendsPerSecond[second(sentMs)].increment();
        Window w = window(sentMs);
        if (w != null) {
            w.sent.increment();
        }
        firstSend.accumulateAndGet(sentMs, Math::min);
        lastSend.accumulateAndGet(sentMs, Math::max);
    }

    private volatile Map<String, Integer> uidIndex = Map.of();
    private final LongAdder groupFrames = new LongAdder();

    /** Who is who: a C2C delivery names its receiver by uid. */
    void receivers(Map<String, Integer> byUid) {
        this.uidIndex = byUid;
    }

    /**
     * Every text frame any device got, the moment it arrives (Gatling's I/O thread, through the
     * auto-reply hook, so before anything can drop it): server acks, errors and C2C deliveries,
     * whose receiver is the frame's `to`. A C2G frame does not name its receiver: those are counted
     * here in total and per device by {@link #onFrame}.
     */
    void observe(String frame) {
        long ts = System.currentTimeMillis();
        if (frame.startsWith("{\"type\":\"C2C_SERVER_ACK\"") || frame.startsWith("{\"type\":\"C2G_SERVER_ACK\"")) {
            String id = Frames.string(frame, "id");
            Msg m = msgs.get(id);
            if (m == null) {
                unrecorded(id);
            } else if (m.ackMs.compareAndSet(0, ts)) {
                acked.increment();
                ackLatency.recordValue(Math.max(0, ts - m.sentMs));
            }
        } else if (frame.startsWith("{\"type\":\"error\"")) {
            String reason = String.valueOf(Frames.string(frame, "reason"));
            errors.computeIfAbsent(reason, k -> new LongAdder()).increment();
            Window w = window(ts);
            if (w != null) {
                ("server_busy".equals(reason) ? w.busy : w.otherErrors).increment();
            }
        } else if (frame.startsWith("{\"type\":\"")) {
            // Anything else the server pushes unasked (C2C_DELIVERED receipts, pong2): counted by type.
            otherFrames.computeIfAbsent(String.valueOf(Frames.string(frame, "type")), k -> new LongAdder()).increment();
        } else if (frame.startsWith("{\"id\":\"")) {
            String type = Frames.string(frame, "type");
            if ("C2C".equals(type)) {
                Integer receiver = uidIndex.get(Frames.string(frame, "to"));
                if (receiver == null) {
                    foreign.increment();
                } else {
                    delivery(receiver, ts, frame, type);
                }
            } else if ("C2G".equals(type)) {
                groupFrames.increment();
            } else if ("S2C".equals(type)) {
                notices.increment();
            }
        }
    }

    /** A frame of a message this run did not record: a warm-up message, or another run's. */
    private void unrecorded(String id) {
        (id != null && id.startsWith(WARMUP) ? warmupFrames : foreign).increment();
    }

    /**
     * The C2G frames device `receiver` got, with Gatling's arrival time, from the session's buffer of
     * unmatched frames. Gatling empties that buffer whenever the session sends, so only devices that
     * never send (their acks go out through the auto-reply, which does not empty it) are counted here.
     */
    void onFrame(int receiver, long ts, String frame) {
        if (frame.startsWith("{\"id\":\"") && "C2G".equals(Frames.string(frame, "type"))) {
            delivery(receiver, ts, frame, "C2G");
        }
    }

    private void delivery(int receiver, long ts, String frame, String type) {
        String id = Frames.string(frame, "id");
        Msg m = msgs.get(id);
        if (m == null) {
            unrecorded(id);
            return;
        }
        if (!seen.add(((long) receiver << 32) | m.ordinal)) {
            duplicates.increment();
            return;
        }
        delivered.increment();
        m.deliveries.incrementAndGet();
        perReceiver.incrementAndGet(receiver);
        lastArrival.accumulateAndGet(receiver, ts, Math::max);
        deliveriesPerSecond[second(ts)].increment();
        firstDelivery.accumulateAndGet(ts, Math::min);
        lastDelivery.accumulateAndGet(ts, Math::max);
        long lt = Frames.number(frame, "lt");
        long ms = Math.max(0, ts - (lt >= 0 ? lt : m.sentMs));
        latency.recordValue(ms);
        Window w = window(ts);
        if (w != null) {
            w.delivered.increment();
            w.latency.recordValue(ms);
        }
        String conversation = receiver + "|" + ("C2C".equals(type) ? Frames.string(frame, "from") : Frames.string(frame, "to"));
        long seq = Frames.number(frame, "seq");
        Long before = lastSeq.put(conversation, seq);
        if (before != null && before > seq) {
            outOfOrder.increment();
        }
    }

    int deliveredTo(int receiver) {
        return perReceiver.get(receiver);
    }

    long serverAcked() {
        return acked.sum();
    }

    /** Deliveries so far (first copy per receiving device). */
    long delivered() {
        return delivered.sum();
    }

    /** Messages recorded as sent so far. */
    long sent() {
        return sent.sum();
    }

    /** Error frames so far (refusals such as server_busy), whatever their reason. */
    long errorFrames() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** The summary block: counts, loss, latency, rates, plus what the scenario adds. */
    Map<String, Object> summary(Map<String, Object> extra) {
        long expected = 0;
        long lost = 0;
        long deliveredUnacked = 0;
        long lostMessages = 0;
        for (Msg m : msgs.values()) {
            int got = m.deliveries.get();
            if (m.ackMs.get() != 0) {
                expected += m.expected;
                lost += Math.max(0, m.expected - got);
                if (got < m.expected) {
                    lostMessages++;
                }
            } else if (got > 0) {
                deliveredUnacked++;
            }
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("scenario", scenario);
        s.put("run", tag);
        s.putAll(extra);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("sent", sent.sum());
        counts.put("server_acked", acked.sum());
        counts.put("not_server_acked", sent.sum() - acked.sum());
        counts.put("expected_deliveries", expected);
        counts.put("delivered", delivered.sum());
        counts.put("lost", lost);
        counts.put("messages_with_a_loss", lostMessages);
        counts.put("duplicates", duplicates.sum());
        counts.put("out_of_order", outOfOrder.sum());
        counts.put("delivered_without_server_ack", deliveredUnacked);
        counts.put("frames_of_other_runs", foreign.sum());
        counts.put("warmup_frames", warmupFrames.sum());
        counts.put("s2c_notices", notices.sum());
        counts.put("c2g_frames_all_devices", groupFrames.sum());
        Map<String, Long> errs = new LinkedHashMap<>();
        errors.forEach((k, v) -> errs.put(k, v.sum()));
        counts.put("error_frames", errs);
        Map<String, Long> others = new LinkedHashMap<>();
        otherFrames.forEach((k, v) -> others.put(k, v.sum()));
        counts.put("other_frames_by_type", others);
        s.put("counts", counts);
        s.put("send_to_receive_ms", percentiles(latency));
        s.put("send_to_server_ack_ms", percentiles(ackLatency));
        Map<String, Object> rates = new LinkedHashMap<>();
        if (sent.sum() > 0) {
            double window = Math.max(1, lastSend.get() - firstSend.get()) / 1000.0;
            rates.put("send_window_s", round(window));
            rates.put("sends_per_s", round(sent.sum() / window));
            rates.put("sends_per_s_by_second_min_median_max", steady(sendsPerSecond, firstSend.get(), lastSend.get()));
        }
        if (delivered.sum() > 0) {
            double window = Math.max(1, lastDelivery.get() - firstDelivery.get()) / 1000.0;
            rates.put("delivery_window_s", round(window));
            rates.put("deliveries_per_s", round(delivered.sum() / window));
            rates.put("deliveries_per_s_by_second_min_median_max", steady(deliveriesPerSecond, firstDelivery.get(), lastDelivery.get()));
        }
        s.put("rates", rates);
        return s;
    }

    /**
     * One row per window up to the last with any traffic: its start (s from the origin), sent/s,
     * delivered/s, server_busy refusals, other errors, p50/p99/max send→receive of the deliveries that
     * arrived in it, and the server's cores if sampled; plus when the node first held its pace:
     * the first window from which on every full window delivered at least 95 % of the offered rate
     * with p99 under 1 s.
     */
    Map<String, Object> windowTable(double offeredPerSecond) {
        Map<String, Object> t = new LinkedHashMap<>();
        Window[] w = windows;
        if (w == null) {
            return t;
        }
        int last = -1;
        for (int i = 0; i < w.length; i++) {
            if (w[i].sent.sum() + w[i].delivered.sum() + w[i].busy.sum() > 0) {
                last = i;
            }
        }
        double seconds = windowMs / 1000.0;
        List<Object> rows = new ArrayList<>();
        int steadyFrom = -1;
        for (int i = 0; i <= last; i++) {
            Window x = w[i];
            long p99 = x.latency.getTotalCount() > 0 ? x.latency.getValueAtPercentile(99) : -1;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("t_s", round(i * seconds));
            r.put("sent_per_s", round(x.sent.sum() / seconds));
            r.put("delivered_per_s", round(x.delivered.sum() / seconds));
            r.put("server_busy", x.busy.sum());
            r.put("other_errors", x.otherErrors.sum());
            r.put("p50_ms", x.latency.getTotalCount() > 0 ? x.latency.getValueAtPercentile(50) : -1);
            r.put("p99_ms", p99);
            r.put("max_ms", x.latency.getTotalCount() > 0 ? x.latency.getMaxValue() : -1);
            r.put("server_cores", x.serverCores);
            r.put("pg_cores", x.postgresCores);
            r.put("machine_cores", x.machineCores);
            rows.add(r);
            boolean holds = x.delivered.sum() / seconds >= 0.95 * offeredPerSecond && p99 >= 0 && p99 < 1000;
            // The last window is cut short by the end of the sends, so it is not held against the node.
            if (i < last && !holds) {
                steadyFrom = -1;
            } else if (holds && steadyFrom < 0) {
                steadyFrom = i;
            }
        }
        t.put("window_s", seconds);
        t.put("steady_from_s", steadyFrom < 0 ? -1 : round(steadyFrom * seconds));
        t.put("rows", rows);
        return t;
    }

    /** The windows as `<run>.windows.csv` beside the summary, for load-tests/cold-start.sh's medians. */
    static void writeWindowsCsv(String tag, Map<String, Object> table) {
        StringBuilder b = new StringBuilder("t_s,sent_per_s,delivered_per_s,server_busy,other_errors,p50_ms,p99_ms,max_ms,server_cores,pg_cores,machine_cores\n");
        if (table.get("rows") instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> r = (Map<?, ?>) o;
                b.append(r.get("t_s")).append(',').append(r.get("sent_per_s")).append(',').append(r.get("delivered_per_s"))
                        .append(',').append(r.get("server_busy")).append(',').append(r.get("other_errors")).append(',')
                        .append(r.get("p50_ms")).append(',').append(r.get("p99_ms")).append(',').append(r.get("max_ms"))
                        .append(',').append(r.get("server_cores")).append(',').append(r.get("pg_cores"))
                        .append(',').append(r.get("machine_cores")).append('\n');
            }
        }
        try {
            Path dir = resultsDir();
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(tag + ".windows.csv"), b.toString());
        } catch (IOException e) {
            System.out.println("could not write the windows: " + e);
        }
    }

    private static Path resultsDir() {
        Path cwd = Path.of(System.getProperty("user.dir"));
        Path module = Files.isDirectory(cwd.resolve("load-tests")) ? cwd.resolve("load-tests") : cwd;
        return Path.of(Params.str("results.dir", module.resolve("target/load-results").toString()));
    }

    /** The windows as a fixed-width table for the console. */
    static String windowText(Map<String, Object> table) {
        StringBuilder b = new StringBuilder(String.format("%7s %9s %11s %11s %7s %8s %8s %8s %6s %6s %7s%n",
                "t_s", "sent/s", "delivered/s", "server_busy", "errors", "p50_ms", "p99_ms", "max_ms", "cores", "pg", "machine"));
        Object rows = table.get("rows");
        if (rows instanceof List<?> list) {
            for (Object o : list) {
                Map<?, ?> r = (Map<?, ?>) o;
                b.append(String.format("%7s %9s %11s %11s %7s %8s %8s %8s %6s %6s %7s%n", r.get("t_s"), r.get("sent_per_s"),
                        r.get("delivered_per_s"), r.get("server_busy"), r.get("other_errors"), r.get("p50_ms"),
                        r.get("p99_ms"), r.get("max_ms"), r.get("server_cores"), r.get("pg_cores"), r.get("machine_cores")));
            }
        }
        b.append("steady (every later window >= 95 % of the offered rate delivered, p99 < 1 s) from t = ")
                .append(table.get("steady_from_s")).append(" s\n");
        return b.toString();
    }

    /** Min, median and max of the per-second counts over the whole seconds strictly inside [from, to]. */
    private List<Long> steady(LongAdder[] perSecond, long fromMs, long toMs) {
        int a = second(fromMs) + 1;
        int b = second(toMs) - 1;
        List<Long> v = new ArrayList<>();
        for (int i = a; i <= b; i++) {
            v.add(perSecond[i].sum());
        }
        if (v.isEmpty()) {
            return List.of();
        }
        v.sort(null);
        return List.of(v.get(0), v.get(v.size() / 2), v.get(v.size() - 1));
    }

    static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        if (h.getTotalCount() > 0) {
            m.put("p50", h.getValueAtPercentile(50));
            m.put("p95", h.getValueAtPercentile(95));
            m.put("p99", h.getValueAtPercentile(99));
            m.put("p99.9", h.getValueAtPercentile(99.9));
            m.put("max", h.getMaxValue());
            m.put("mean", round(h.getMean()));
        }
        return m;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Prints the summary block and writes it as JSON and text under target/load-results. */
    static void report(String scenario, String tag, Map<String, Object> summary) {
        String text = text(summary, "");
        String bar = "=".repeat(78);
        System.out.println("\n" + bar + "\n CHORUS LOAD SUMMARY: " + scenario + " (" + tag + ")\n" + bar + "\n" + text + bar);
        Path cwd = Path.of(System.getProperty("user.dir"));
        Path module = Files.isDirectory(cwd.resolve("load-tests")) ? cwd.resolve("load-tests") : cwd;
        Path dir = Path.of(Params.str("results.dir", module.resolve("target/load-results").toString()));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(tag + ".json"), json(summary) + "\n");
            Files.writeString(dir.resolve(tag + ".txt"), text);
            System.out.println("written to " + dir.resolve(tag + ".json") + " and .txt");
        } catch (IOException e) {
            System.out.println("could not write the summary: " + e);
        }
    }

    private static String text(Map<?, ?> m, String indent) {
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> {
            if (v instanceof Map<?, ?> sub) {
                b.append(indent).append(k).append(":\n").append(text(sub, indent + "  "));
            } else {
                b.append(indent).append(k).append(": ").append(v).append('\n');
            }
        });
        return b.toString();
    }

    static String json(Object o) {
        if (o instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append(json(String.valueOf(k))).append(':').append(json(v)));
            return b.append('}').toString();
        }
        if (o instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            l.forEach(v -> b.append(b.length() > 1 ? "," : "").append(json(v)));
            return b.append(']').toString();
        }
        if (o instanceof Number || o instanceof Boolean) {
            return o.toString();
        }
        return o == null ? "null" : "\"" + o.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
