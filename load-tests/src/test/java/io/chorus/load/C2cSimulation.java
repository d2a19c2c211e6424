package io.chorus.load;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.crashLoadGeneratorIf;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * c2c: `pairs` pairs of friends, both sides of each pair sending one-to-one messages to the other
 * at an aggregate `rate` (messages/s, open-loop: each device sends on a fixed pace, never waiting
 * for an ack) for `duration`, every receiver acknowledging each message (CLIENT_ACK) as it arrives,
 * then a `drain` period; with `warmup`, the same sends for that long first, not measured (a fresh
 * JVM compiles its hot paths during the first seconds of load). Reports sent, server-acked, delivered, lost, duplicates and send→receive
 * latency percentiles (load-tests/README.md). With `restart` and `client.warmup`, the same devices
 * first load the set-up node for that long (Gatling's own JIT), then the node restarts and the
 * measured phase runs as without it.
 */
public class C2cSimulation extends Simulation {

    private final int pairs = Params.integer("pairs", 200);
    private final double rate = Params.decimal("rate", 2000);
    private final Duration duration = Params.duration("duration", "60s");
    private final Duration drain = Params.duration("drain", "15s");
    private final Duration warmup = Params.duration("warmup", "0s");
    private final Duration connectRamp = Params.duration("connect.ramp", "10s");
    // Cold start (load-tests/cold-start.sh): `restart` restarts the node after the set-up (same
    // database, a fresh JVM) and the sends begin as soon as it is ready and the sockets are open;
    // `window` prints delivered/s, refusals and p99 per window of that length from the first send.
    private final boolean restart = Boolean.parseBoolean(Params.str("restart", "false"));
    private final Duration window = Params.duration("window", "0s");
    // With `restart` only: before the restart the same devices send to the set-up node at the same
    // pace for this long (ids starting Recorder.WARMUP, counted by a recorder of their own), then
    // close; so Gatling's JVM has compiled its own hot paths when the measured sends begin, and the
    // restarted node still gets no traffic before them. 0: restart right after the set-up.
    private final Duration clientWarmup = Params.duration("client.warmup", "0s");
    private final boolean clientWarm = restart && !clientWarmup.isZero();
    private final int devices = 2 * pairs;
    private final Duration interval = Duration.ofNanos(Math.round(devices * 1e9 / rate));
    private final String tag = Params.runTag("c2c");
    private final Recorder recorder = new Recorder("c2c", tag, devices);
    private final ServerProbe probe = new ServerProbe(Params.base());
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private volatile List<Fixture.User> users;
    private volatile long startAt;
    private final Recorder warmRecorder = new Recorder("c2c client warm-up", tag, devices);
    private final AtomicInteger warmNext = new AtomicInteger();
    private volatile long warmStartAt;
    private volatile boolean restartOver;
    private volatile boolean restartFailed;

    private final ChainBuilder send = recordedSend("send C2C", recorder, "", "seq");

    // Before the measured window: the same pace, ids the recorder knows as warm-up, nothing measured.
    private final ChainBuilder warmUpSend = exec(session -> {
        long seq = session.getLong("warmSeq") + 1;
        String id = Recorder.WARMUP + tag + "." + session.getInt("i") + "." + seq;
        return session.set("warmSeq", seq)
                .set("frame", Frames.message("C2C", id, session.getString("peer"), System.currentTimeMillis(), seq));
    }).exec(ws("warm-up C2C").sendText("#{frame}"));

    private final ScenarioBuilder pairsScenario = scenario("c2c pairs")
            .exec(session -> {
                int i = next.getAndIncrement();
                return session.set("i", i).set("token", users.get(i).token()).set("peer", users.get(i ^ 1).uid())
                        .set("seq", 0L).set("warmSeq", 0L);
            })
            .exec(Chorus.connect())
            .exitHereIfFailed()
            // Everyone starts together, each device at its own phase of the pace, so the aggregate is even.
            .pause(session -> Duration.ofMillis(Math.max(0, startAt - warmup.toMillis()
                    + interval.toMillis() * session.getInt("i") / devices - System.currentTimeMillis())))
            .doIf(session -> !warmup.isZero()).then(during(warmup).on(pace(interval).exec(warmUpSend)))
            .during(duration).on(pace(interval).exec(send))
            .pause(drain)
            .exec(ws("close").close());

    private final ScenarioBuilder cpuProbe = Chorus.cpuProbe(probe, () -> startAt, duration, extra);

    // `client.warmup`: the measured sends' frame and pace, to the set-up node, recorded by warmRecorder
    // only (its own ids, never in the measured recorder; the measured recorder, seeing one of them,
    // counts it as a warmup_frame).
    private final ChainBuilder clientWarmUpSend = recordedSend("client warm-up C2C", warmRecorder, Recorder.WARMUP + "client.", "warmSeq");

    private final ScenarioBuilder clientWarmUpScenario = scenario("c2c client warm-up")
            .exec(session -> {
                int i = warmNext.getAndIncrement();
                return session.set("i", i).set("token", users.get(i).token()).set("peer", users.get(i ^ 1).uid())
                        .set("warmSeq", 0L);
            })
            .exec(Chorus.connect())
            .exitHereIfFailed()
            .pause(session -> Duration.ofMillis(Math.max(0, warmStartAt
                    + interval.toMillis() * session.getInt("i") / devices - System.currentTimeMillis())))
            .during(clientWarmup).on(pace(interval).exec(clientWarmUpSend))
            // Once no device sends any more: until every warm-up message is acked (or refused) and
            // delivered, `drain` at most, then a second for the server to take the last CLIENT_ACKs, so
            // that the restarted node has none of them to deliver again.
            .pause(session -> Duration.ofMillis(Math.max(0, warmSendsEndAt() - System.currentTimeMillis())))
            .asLongAs(session -> !warmDrained() && System.currentTimeMillis() < warmSendsEndAt() + drain.toMillis())
            .on(pause(Duration.ofMillis(100)))
            .pause(Duration.ofSeconds(1))
            .exec(ws("close").close());

    // After the client warm-up: restarts the node (target-up.sh in a process of its own, its end
    // awaited by polling, so no Gatling thread blocks), then sets startAt and starts the windows.
    private final ScenarioBuilder restartScenario = scenario("restart")
            .exec(session -> {
                restartInBackground();
                return session;
            })
            .asLongAs(session -> !restartOver).on(pause(Duration.ofMillis(100)))
            .exec(crashLoadGeneratorIf("target-up.sh restart failed", session -> restartFailed));

    {
        if (clientWarm) {
            // Sequential populations: the warm-up's devices, once all have closed the restart, once it
            // is over the measured devices and the CPU probe, as without a warm-up.
            HttpProtocolBuilder measured = Chorus.protocol(recorder, false);
            setUp(clientWarmUpScenario.injectOpen(rampUsers(devices).during(connectRamp))
                    .protocols(Chorus.protocol(warmRecorder, false))
                    .andThen(restartScenario.injectOpen(atOnceUsers(1)).protocols(measured)
                            .andThen(pairsScenario.injectOpen(rampUsers(devices).during(connectRamp)).protocols(measured),
                                    cpuProbe.injectOpen(atOnceUsers(1)).protocols(measured))))
                    // The restart's own bound: target-up.sh waits up to ~6 min for readiness.
                    .maxDuration(connectRamp.plus(warmup).plus(duration).plus(drain).plusMinutes(3)
                            .plus(connectRamp).plus(clientWarmup).plus(drain).plusMinutes(10));
        } else {
            setUp(pairsScenario.injectOpen(rampUsers(devices).during(connectRamp)),
                    cpuProbe.injectOpen(atOnceUsers(1)))
                    .protocols(Chorus.protocol(recorder, false))
                    .maxDuration(connectRamp.plus(warmup).plus(duration).plus(drain).plusMinutes(3));
        }
    }

    @Override
    public void before() {
        System.out.printf("[c2c] %d pairs, %.0f messages/s aggregate (one every %d ms per device), %s, drain %s, run %s%n",
                pairs, rate, interval.toMillis(), duration, drain, tag);
        try (Fixture fixture = new Fixture(Params.base())) {
            users = fixture.users(tag, devices);
            List<Fixture.User[]> p = new ArrayList<>();
            for (int i = 0; i < devices; i += 2) {
                p.add(new Fixture.User[] {users.get(i), users.get(i + 1)});
            }
            fixture.befriend(p);
            Map<String, Integer> byUid = new java.util.HashMap<>();
            users.forEach(u -> byUid.put(u.uid(), u.index()));
            recorder.receivers(byUid);
            warmRecorder.receivers(byUid);
        }
        if (clientWarm) {
            // The restart and what depends on its end (startAt, the windows) come after the client
            // warm-up (restartScenario); its entry here keeps its place in the summary.
            extra.put("restart", "after the client warm-up");
            warmStartAt = System.currentTimeMillis() + connectRamp.toMillis() + 3000;
            System.out.printf("[c2c] client warm-up: the same devices and sends to the set-up node for %s, then the restart%n",
                    clientWarmup);
        } else {
            if (restart) {
                restartNode();
            }
            measuredPhaseStarts();
        }
        if (!restart && !clientWarmup.isZero()) {
            System.out.println("[c2c] client.warmup is only used with restart=true: ignored");
        }
        extra.put("parameters", Map.of("pairs", pairs, "rate_per_s", rate, "duration_s", duration.toSeconds(),
                "drain_s", drain.toSeconds(), "warmup_s", warmup.toSeconds(), "per_device_interval_ms", interval.toMillis(),
                "source_addresses", Params.localAddresses().size()));
    }

    @Override
    public void after() {
        if (!window.isZero()) {
            Map<String, Object> table = recorder.windowTable(rate);
            extra.put("windows", table);
            System.out.println("\n[c2c] per " + window.toSeconds() + " s window from the first send (t = 0"
                    + (restart ? ", " + (startAt - readyAtMs) + " ms after the restarted node said ready" : "") + "):\n"
                    + Recorder.windowText(table));
            Recorder.writeWindowsCsv(tag, table);
        }
        Recorder.report("c2c", tag, recorder.summary(extra));
    }

    /** One C2C to the device's peer, its id ({@code idPrefix}, the run, the device, the count in {@code seqKey}) recorded as sent. */
    private ChainBuilder recordedSend(String name, Recorder into, String idPrefix, String seqKey) {
        return exec(session -> {
            long seq = session.getLong(seqKey) + 1;
            String id = idPrefix + tag + "." + session.getInt("i") + "." + seq;
            long now = System.currentTimeMillis();
            into.sent(id, now, 1);
            return session.set(seqKey, seq).set("frame", Frames.message("C2C", id, session.getString("peer"), now, seq));
        }).exec(ws(name).sendText("#{frame}"));
    }

    /** startAt (the first send: the sockets open, then 3 s), the windows from it, and the summary's restart entry. */
    private void measuredPhaseStarts() {
        startAt = System.currentTimeMillis() + connectRamp.toMillis() + 3000 + warmup.toMillis();
        if (!window.isZero()) {
            recorder.windows(startAt, window.toMillis());
            sampleServerCpu();
        }
        extra.put("restart", restart ? Map.of("ready_after_ms", readyAfterMs, "first_send_after_ready_ms",
                startAt - readyAtMs) : "none");
    }

    /** Once no device sends any more: the warm-up's last frame left (pace phases and the last pace step included). */
    private long warmSendsEndAt() {
        return warmStartAt + clientWarmup.toMillis() + 2 * interval.toMillis();
    }

    /** Every warm-up message acked or refused, every acked one delivered. */
    private boolean warmDrained() {
        return warmRecorder.serverAcked() + warmRecorder.errorFrames() >= warmRecorder.sent()
                && warmRecorder.delivered() >= warmRecorder.serverAcked();
    }

    /**
     * After the client warm-up: its figures into the summary, then `target-up.sh restart` in the
     * background; when it has ended, the measured phase starts (startAt, windows) and restartOver is set.
     */
    private void restartInBackground() {
        long over = System.currentTimeMillis();
        Map<String, Object> w = warmRecorder.summary(new LinkedHashMap<>());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("duration_s", clientWarmup.toSeconds());
        summary.put("restart_after_last_send_ms", over - warmSendsEndAt());
        summary.put("counts", w.get("counts"));
        summary.put("send_to_receive_ms", w.get("send_to_receive_ms"));
        extra.put("client_warmup", summary);
        Map<?, ?> c = (Map<?, ?>) w.get("counts");
        System.out.printf("[c2c] client warm-up over: %s sent, %s server-acked, %s delivered, %s lost, error frames %s; "
                + "restarting the node%n", c.get("sent"), c.get("server_acked"), c.get("delivered"), c.get("lost"),
                c.get("error_frames"));
        long t0 = System.currentTimeMillis();
        Process p;
        try {
            p = startRestart();
        } catch (RuntimeException e) {
            System.out.println("[c2c] " + e);
            restartFailed = true;
            restartOver = true;
            return;
        }
        p.onExit().whenComplete((done, error) -> {
            try {
                if (error != null || done.exitValue() != 0) {
                    System.out.println("[c2c] target-up.sh restart failed");
                    restartFailed = true;
                } else {
                    restarted(t0);
                    measuredPhaseStarts();
                }
            } catch (RuntimeException e) {
                System.out.println("[c2c] after the restart: " + e);
                restartFailed = true;
            } finally {
                restartOver = true;
            }
        });
    }

    private volatile long readyAtMs;
    private volatile long readyAfterMs;

    /** `target-up.sh restart`: the node stops and starts again on the same database; returns once it is ready. */
    private void restartNode() {
        long t0 = System.currentTimeMillis();
        try {
            if (startRestart().waitFor() != 0) {
                throw new IllegalStateException("target-up.sh restart failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        restarted(t0);
    }

    private Process startRestart() {
        Path cwd = Path.of(System.getProperty("user.dir"));
        Path module = Files.isDirectory(cwd.resolve("load-tests")) ? cwd.resolve("load-tests") : cwd;
        try {
            return new ProcessBuilder("bash", module.resolve("target-up.sh").toString(), "restart").inheritIO().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The node said ready (target-up.sh restart returned 0), {@code t0} being when the restart began. */
    private void restarted(long t0) {
        readyAtMs = System.currentTimeMillis();
        readyAfterMs = readyAtMs - t0;
        probe.reload();
        System.out.printf("[c2c] node restarted and ready in %d ms; sends start in %d ms%n", readyAfterMs,
                connectRamp.toMillis() + 3000 + warmup.toMillis());
    }

    /** The server's cores in each window, sampled at the window boundaries on a thread of its own. */
    private void sampleServerCpu() {
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "window-cpu");
            t.setDaemon(true);
            return t;
        });
        long[][] last = {null};
        long[] lastMs = {0};
        sampler.scheduleAtFixedRate(() -> {
            long now = System.currentTimeMillis();
            long[] ticks = probe.cpuTicks();
            if (last[0] != null) {
                Recorder.Window w = recorder.window(lastMs[0] + 1);
                if (w != null) {
                    Map<String, Object> share = ServerProbe.cpuShare(last[0], ticks, (now - lastMs[0]) / 1000.0);
                    w.serverCores = (double) share.get("server_cores");
                    w.postgresCores = (double) share.get("postgresql_cores");
                    w.machineCores = (double) share.get("machine_busy_cores");
                }
            }
            last[0] = ticks;
            lastMs[0] = now;
        }, Math.max(0, startAt - System.currentTimeMillis()), window.toMillis(), TimeUnit.MILLISECONDS);
    }
}
