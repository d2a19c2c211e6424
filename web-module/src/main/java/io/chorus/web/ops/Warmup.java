package io.chorus.web.ops;

import io.chorus.app.json.Jsonp;
import io.chorus.app.warmup.WarmupAccounts;
import io.chorus.app.warmup.WarmupAccounts.WarmupDevice;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.servlet.ServletContext;
import java.lang.management.CompilationMXBean;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The start-up warm-up (docs/PERFORMANCE.md step 11, "Cold start"): a freshly started JVM runs the send and
 * delivery path interpreted and compiles it under the first users' load, which on two cores took
 * three minutes of refusals and multi-second latency. With {@code chorus.warmup.messages} above 0
 * the node first sends that many one-to-one messages to itself, through its own {@code /ws} on
 * loopback (handshake and token check, frame decoding, the group-committed store in the real
 * tables, the cluster event, delivery, the client's ack), between warm-up accounts that are deleted
 * with everything they wrote afterwards ({@link WarmupAccounts}); {@code /health/ready} says DOWN
 * until then, so a load balancer sends no user here before.
 *
 * <p>The rule, in rounds: a round sends {@code messages} messages, waits until they were delivered
 * and acknowledged, then until the JIT compiler is quiet (less than 10 % of a core compiling over
 * 2 s). A round is quiet when the JIT compiled for less than {@code quiet-share} (10 %) of a core
 * over the whole round. The first quiet round is followed by a rehearsal of the warm-up's end
 * ({@link #rehearse}) and rounds again; the node is warm after the next quiet one, or when
 * {@code max-seconds} passed since the start, whichever comes first. One round is not enough: while
 * the C2 compiler's queue is long, HotSpot raises the invocation counts a method needs to be queued
 * for C2 ({@code Tier4LoadFeedback}), so after one round much of the message path still ran at C1
 * and was compiled under the first users' load (docs/PERFORMANCE.md step 11). A warm-up that fails (no loopback, database away) logs why and
 * the node becomes ready all the same: a slow node serves better than none.
 */
@ApplicationScoped
public class Warmup {
    private static final Logger LOG = Logger.getLogger(Warmup.class.getName());
    /** Under the per-device send budget (chorus.rate.sends-per-second, 50): one send per device per tick. */
    private static final long TICK_MS = 25;
    /**
     * Messages all devices together may have sent and not yet seen delivered: a closed loop that
     * follows the node's pace without overrunning its send queue (chorus.send.queue-capacity, 4,096),
     * split evenly between the devices, at least 2 each.
     */
    private static final int WINDOW = 640;
    private static final long QUIET_WINDOW_MS = 2000;
    /** Sockets opened at the same time while connecting the devices. */
    private static final int CONNECT_LANES = 8;
    private static final long QUIET_COMPILE_MS = 200;
    /**
     * After readiness said UP: the delivery table the warm-up left empty is analyzed again once the
     * first users have filled it (WarmupAccounts#analyzeDeliveries), at each of these delays.
     */
    private static final long[] ANALYZE_AFTER_READY_MS = {10_000, 30_000};
    private static final long JIT_REPORT_AFTER_READY_MS = 30_000;
    private static final JsonReaderFactory READERS = Jsonp.PROVIDER.createReaderFactory(Map.of());

    @Inject
    @ConfigProperty(name = "chorus.warmup.messages")
    int messages;

    @Inject
    @ConfigProperty(name = "chorus.warmup.pairs")
    int pairs;

    @Inject
    @ConfigProperty(name = "chorus.warmup.max-seconds")
    int maxSeconds;

    /** A round that kept the JIT busy for less than this share of a core is quiet. */
    @Inject
    @ConfigProperty(name = "chorus.warmup.quiet-share")
    double quietShare;

    /** Where this node's /ws answers; empty: 127.0.0.1 on WildFly's HTTP port with its offset. */
    @Inject
    @ConfigProperty(name = "chorus.warmup.url")
    Optional<String> url;

    @Inject
    @ConfigProperty(name = "chorus.node.id")
    String nodeId;

    @Inject
    WarmupAccounts accounts;

    /** The warm-up's stages run here, one after the other; between them it holds no thread. */
    @Resource
    ManagedScheduledExecutorService scheduler;

    private volatile boolean warm;
    private final AtomicBoolean started = new AtomicBoolean();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private volatile String contextPath = "";

    // The run's state. Stages never overlap (each schedules the next); they run on the scheduler's
    // threads and the HTTP client's (connects), hence volatile.
    private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    private final List<Device> devices = new CopyOnWriteArrayList<>();
    private final Map<String, Device> outstanding = new ConcurrentHashMap<>();
    private volatile long startedNanos;
    private volatile long deadlineNanos;
    private volatile long compileBefore;
    private volatile long compileAtSample;
    private volatile long seq;
    private volatile int round;
    private volatile long roundStartedNanos;
    private volatile long compileAtRoundStart;
    private volatile long drainUntilNanos;
    private volatile long closeUntilNanos;
    private volatile boolean timedOut;
    private volatile boolean rehearsed;
    /** What follows the round that ended, once its last messages are in. */
    private volatile Next next;
    private volatile HttpClient http;
    private volatile URI ws;
    /** Set once the warm-up ends (done, or given up): sockets close, accounts go. */
    private final AtomicBoolean finishing = new AtomicBoolean();

    /** Starts the warm-up with the application: the deployment must finish first, it serves /ws. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        if (event instanceof ServletContext context) {
            contextPath = context.getContextPath();
        }
        if (messages <= 0) {
            warm = true;
            return;
        }
        if (!started.compareAndSet(false, true)) {
            return;
        }
        LOG.info(() -> "Warming up: " + messages + " one-to-one messages through /ws on loopback before readiness says UP");
        startedNanos = System.nanoTime();
        deadlineNanos = startedNanos + TimeUnit.SECONDS.toNanos(maxSeconds);
        compileBefore = compileMillis(jit);
        later(this::makeAccounts, 0);
    }

    /** Whether the node has warmed up by the rule above (always, when the warm-up is off). */
    public boolean warm() {
        return warm;
    }

    /**
     * The warm-up accounts, once the schema is there: the EAR's modules start side by side, so this
     * may run before the schema migration finished (tried again each second, within the bound).
     */
    private void makeAccounts() {
        List<WarmupDevice> made;
        try {
            removeWarmupData(); // what a warm-up of this node that died left
            made = accounts.create(nodeId, pairs);
        } catch (RuntimeException notYet) {
            if (pastDeadline()) {
                throw notYet;
            }
            LOG.fine(() -> "Warm-up accounts not made yet: " + notYet);
            later(this::makeAccounts, 1000);
            return;
        }
        // The check every authenticated request and socket makes, beyond the few sockets here.
        accounts.verify(made.get(0).token(), 10_000);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ws = URI.create(url.map(String::strip).filter(u -> !u.isEmpty()).orElseGet(this::defaultUrl));
        for (int i = 0; i < made.size(); i++) {
            devices.add(new Device(i, made.get(i), outstanding));
        }
        connectAll();
    }

    /**
     * Connects the devices, {@link #CONNECT_LANES} at a time (hundreds of sockets one after the other
     * take tens of seconds on a cold node), each tried again after 500 ms while the deployment does not
     * yet serve /ws; the messages start once every lane is through.
     */
    private void connectAll() {
        int lanes = Math.min(CONNECT_LANES, devices.size());
        AtomicInteger lanesLeft = new AtomicInteger(lanes);
        for (int lane = 0; lane < lanes; lane++) {
            connect(lane, lanes, lanesLeft);
        }
    }

    private void connect(int index, int step, AtomicInteger lanesLeft) {
        if (index >= devices.size()) {
            if (lanesLeft.decrementAndGet() == 0) {
                later(this::nextRound, 0);
            }
            return;
        }
        Device device = devices.get(index);
        http.newWebSocketBuilder().header("Authorization", "Bearer " + device.who.token()).buildAsync(ws, device)
                .orTimeout(10, TimeUnit.SECONDS).whenComplete((socket, failed) -> {
                    if (failed == null) {
                        device.socket = socket;
                        if (finishing.get()) { // another lane gave up meanwhile
                            device.close();
                            return;
                        }
                        connect(index + step, step, lanesLeft);
                    } else if (pastDeadline()) {
                        failed(new IllegalStateException("warm-up socket to " + ws + ": " + failed, failed));
                    } else {
                        later(() -> connect(index, step, lanesLeft), 500);
                    }
                });
    }

    private void nextRound() {
        round++;
        roundStartedNanos = System.nanoTime();
        compileAtRoundStart = compileMillis(jit);
        send();
    }

    /** One tick: a message from each device with room in its window, until the round's messages were delivered. */
    private void send() {
        // This round is through when all rounds so far, this one included, delivered their messages.
        if (!pastDeadline() && delivered.sum() < (long) round * messages) {
            seq++;
            for (Device device : devices) {
                device.sendNext(seq);
            }
            later(this::send, TICK_MS);
            return;
        }
        // Then no more messages, only the compilations they queued, until the JIT compiler is quiet:
        // each message is rows written now and deleted later. A first version sent on until the
        // JIT was quiet (107,506 messages in 101 s), and the load after it stalled for a minute
        // (docs/PERFORMANCE.md step 11).
        compileAtSample = compileMillis(jit);
        later(this::awaitQuietJit, QUIET_WINDOW_MS);
    }

    private void awaitQuietJit() {
        long compiled = compileMillis(jit);
        if (!pastDeadline() && compiled - compileAtSample >= QUIET_COMPILE_MS) {
            compileAtSample = compiled;
            later(this::awaitQuietJit, QUIET_WINDOW_MS);
            return;
        }
        boolean past = pastDeadline();
        next = afterRound(!past && quietRound(compiled), rehearsed, past);
        if (next == Next.ROUND) {
            nextRound();
            return;
        }
        timedOut = past;
        // What is still in flight arrives before the sockets close (bounded: a lost frame must not hold us).
        drainUntilNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        drain();
    }

    /** What follows a round: the next one, the rehearsal of the end, or the end. */
    enum Next { ROUND, REHEARSAL, END }

    /**
     * The rule: rounds until one is quiet; the first quiet one is followed by the rehearsal and
     * rounds again, the next quiet one ends the warm-up; the bound ends it whatever the round.
     */
    static Next afterRound(boolean quiet, boolean rehearsed, boolean pastDeadline) {
        if (pastDeadline) {
            return Next.END;
        }
        if (!quiet) {
            return Next.ROUND;
        }
        return rehearsed ? Next.END : Next.REHEARSAL;
    }

    /** Whether the round that just ended kept the JIT busy for less than {@link #quietShare} of a core. */
    private boolean quietRound(long compiledNow) {
        long compiled = compiledNow - compileAtRoundStart;
        long wallMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - roundStartedNanos));
        boolean quiet = compiled < quietShare * wallMillis;
        LOG.info(() -> String.format("Warm-up round %d: %d messages delivered in all, JIT compilation %d ms over %.1f s (%.0f %% of a core)%s",
                round, delivered.sum(), compiled, wallMillis / 1000.0, 100.0 * compiled / wallMillis, quiet ? ": quiet" : ": another round"));
        return quiet;
    }

    private void drain() {
        if (!outstanding.isEmpty() && System.nanoTime() < drainUntilNanos) {
            later(this::drain, TICK_MS);
            return;
        }
        if (next == Next.REHEARSAL) {
            rehearse();
            return;
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startedNanos);
        LOG.log(timedOut ? Level.WARNING : Level.INFO, () -> "Warm-up " + (timedOut ? "stopped by its bound of " + maxSeconds + " s" : "done")
                + " after " + seconds + " s and " + round + " round(s): " + delivered.sum() + " messages delivered, " + refused.sum()
                + " refused, JIT compilation " + (compileMillis(jit) - compileBefore) + " ms");
        finish();
    }

    /**
     * The warm-up's end, once through before a last round: the sockets close, the messages go (by the
     * steps the end takes, {@link #removeMessages}), the node idles as between its readiness and its
     * first users, and the devices come back for another round by the same rule. Without it, the end
     * itself unmade what the rounds compiled: the clean-up's queries and the idle workers broke the
     * compiled code's assumptions (HotSpot deoptimized ~300 methods within 3 s), and the first users'
     * ten seconds paid for compiling them again (~0.9 of a core, docs/PERFORMANCE.md step 11). Compiled
     * again with all of that in their profiles, the same events break nothing at the real end.
     */
    private void rehearse() {
        rehearsed = true;
        LOG.info(() -> "Warm-up round " + round + " was quiet: the end rehearsed (sockets closed, messages removed, idle), then another round");
        for (Device device : devices) {
            device.close();
        }
        closeUntilNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        later(this::rehearseRemoval, 100);
    }

    private void rehearseRemoval() {
        if (closing() && System.nanoTime() < closeUntilNanos) {
            later(this::rehearseRemoval, 100);
            return;
        }
        removeMessages();
        outstanding.clear(); // what the drain's bound gave up on
        for (Device device : devices) {
            device.reset();
        }
        later(this::connectAll, QUIET_WINDOW_MS);
    }

    /** Whether a warm-up socket is still open, on this side or as the node counts them. */
    private boolean closing() {
        return devices.stream().anyMatch(Device::open) || (!devices.isEmpty() && accounts.openConnections(nodeId) > 0);
    }

    /** A warm-up that cannot run (no loopback, database away) says why; the node becomes ready cold. */
    private void failed(RuntimeException e) {
        LOG.log(Level.WARNING, "Warm-up failed; the node becomes ready cold", e);
        finish();
    }

    /** Closes the sockets, then removes the warm-up accounts with what they wrote, and says warm. */
    private void finish() {
        // Once: with several connect lanes, more than one may give up.
        if (!finishing.compareAndSet(false, true)) {
            return;
        }
        for (Device device : devices) {
            device.close();
        }
        closeUntilNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        removeAccounts();
    }

    /**
     * The node ends a closed socket's session on its own threads after the close handshake (presence
     * rows): the accounts go once those are gone too, bounded.
     */
    private void removeAccounts() {
        try {
            if (closing() && System.nanoTime() < closeUntilNanos) {
                later(this::removeAccounts, 100);
                return;
            }
            removeWarmupData();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not remove the warm-up accounts; the next start of this node removes them", e);
        }
        try {
            long before = System.nanoTime();
            if (accounts.vacuumWritten()) {
                LOG.info(() -> "The warm-up's tables vacuumed and analyzed in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before) + " ms");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not vacuum the warm-up's tables; autovacuum will, under the first users' load", e);
        }
        warm = true;
        analyzeDeliveriesLater();
        reportJitAfterReady();
    }

    /**
     * Deletes the warm-up's messages a batch per transaction, then its accounts with the rest of what
     * they wrote; the tables each deleted message's cascades scan are vacuumed first (WarmupAccounts).
     */
    private void removeWarmupData() {
        long before = System.nanoTime();
        long messagesRemoved = removeMessages();
        int removed = accounts.remove(nodeId);
        if (removed > 0 || messagesRemoved > 0) {
            long total = messagesRemoved;
            LOG.info(() -> "Warm-up accounts removed: " + removed + ", with their " + total + " messages, in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before) + " ms");
        }
    }

    /** The warm-up's messages, a batch per transaction, the tables their cascades scan vacuumed first; how many. */
    private long removeMessages() {
        accounts.vacuumScannedByCascades();
        long removed = 0;
        for (int batch; (batch = accounts.removeMessages(nodeId)) > 0; ) {
            removed += batch;
        }
        return removed;
    }

    /** The delivery table analyzed again after ready ({@link #ANALYZE_AFTER_READY_MS}). */
    private void analyzeDeliveriesLater() {
        for (long delay : ANALYZE_AFTER_READY_MS) {
            scheduler.schedule(() -> {
                try {
                    accounts.analyzeDeliveries();
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "ANALYZE of the delivery table after the warm-up", e);
                }
            }, delay, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * What the JIT compiled in the first {@link #JIT_REPORT_AFTER_READY_MS} after ready: near nothing
     * if the warm-up compiled what the first users run; the figure docs/PERFORMANCE.md step 11 compares.
     */
    private void reportJitAfterReady() {
        long atReady = compileMillis(jit);
        scheduler.schedule(() -> LOG.info(() -> String.format("JIT compilation in the first %d s after ready: %d ms (%.0f %% of a core)",
                JIT_REPORT_AFTER_READY_MS / 1000, compileMillis(jit) - atReady, 100.0 * (compileMillis(jit) - atReady) / JIT_REPORT_AFTER_READY_MS)),
                JIT_REPORT_AFTER_READY_MS, TimeUnit.MILLISECONDS);
    }

    /** Runs the next stage after {@code delayMillis}; a stage that throws ends the warm-up. */
    private void later(Runnable stage, long delayMillis) {
        scheduler.schedule(() -> {
            try {
                stage.run();
            } catch (RuntimeException e) {
                if (finishing.get()) {
                    LOG.log(Level.WARNING, "Warm-up could not finish; the node becomes ready", e);
                    warm = true;
                } else {
                    failed(e);
                }
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    private boolean pastDeadline() {
        return System.nanoTime() >= deadlineNanos;
    }

    private String defaultUrl() {
        int port = Integer.getInteger("jboss.http.port", 8080) + Integer.getInteger("jboss.socket.binding.port-offset", 0);
        return "ws://127.0.0.1:" + port + contextPath + "/ws";
    }

    private static long compileMillis(CompilationMXBean jit) {
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** One warm-up device: its socket, what it sent and not yet saw delivered, and its ack path. */
    private final class Device implements WebSocket.Listener {
        private final int index;
        private final WarmupDevice who;
        private final Map<String, Device> outstanding;
        private final AtomicInteger inFlight = new AtomicInteger();
        private final StringBuilder partial = new StringBuilder();
        private volatile WebSocket socket;
        private volatile boolean closed;
        // java.net.http.WebSocket takes one send at a time: each waits for the one before.
        private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

        Device(int index, WarmupDevice who, Map<String, Device> outstanding) {
            this.index = index;
            this.who = who;
            this.outstanding = outstanding;
        }

        void sendNext(long seq) {
            if (socket == null || closed || inFlight.get() >= Math.max(2, WINDOW / devices.size())) {
                return;
            }
            String id = "w" + index + "." + seq;
            inFlight.incrementAndGet();
            outstanding.put(id, this);
            send("{\"type\":\"C2C\",\"id\":\"" + id + "\",\"to\":\"" + who.peerUid()
                    + "\",\"payload\":{\"msg_type\":\"text\",\"text\":\"warm-up\"},\"created_at\":" + System.currentTimeMillis() + "}");
        }

        private synchronized void send(String frame) {
            WebSocket s = socket;
            tail = tail.handle((v, e) -> null).thenCompose(v -> s.sendText(frame, true));
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                onFrame(frame);
            }
            webSocket.request(1);
            return null;
        }

        private void onFrame(String frame) {
            JsonObject json = parse(frame);
            String type = json == null ? "" : json.getString("type", "");
            if (type.equals("C2C") && json.get("id") instanceof JsonString id) {
                send("CLIENT_ACK,C2C," + id.getString() + "," + WarmupAccounts.DID_NAME);
                settled(id.getString(), delivered);
            } else if (type.equals("error") && json.get("payload") instanceof JsonObject payload
                    && payload.get("ref") instanceof JsonString ref) {
                // A refusal (server_busy while the node is slow): the message was not stored.
                settled(ref.getString(), refused);
            }
        }

        private void settled(String id, LongAdder outcome) {
            Device sender = outstanding.remove(id);
            if (sender != null) {
                sender.inFlight.decrementAndGet();
                outcome.increment();
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
        }

        boolean open() {
            return socket != null && !closed;
        }

        /** Ready to connect again, after {@link #close} (the rehearsal). */
        synchronized void reset() {
            socket = null;
            closed = false;
            inFlight.set(0);
            partial.setLength(0);
            tail = CompletableFuture.completedFuture(null);
        }

        void close() {
            WebSocket s = socket;
            if (s != null && !closed) {
                synchronized (this) {
                    tail = tail.handle((v, e) -> null).thenCompose(v -> s.sendClose(WebSocket.NORMAL_CLOSURE, "warm-up done"));
                }
            }
        }
    }

    /** A frame the server wrote, as JSON; null for one that is not an object (e.g. a pong). */
    private static JsonObject parse(String frame) {
        try (JsonReader reader = READERS.createReader(new StringReader(frame))) {
            return reader.readValue() instanceof JsonObject object ? object : null;
        } catch (JsonException notJson) {
            return null;
        }
    }
}
