package io.chorus.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

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
 * latency percentiles (load-tests/README.md).
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
    private final int devices = 2 * pairs;
    private final Duration interval = Duration.ofNanos(Math.round(devices * 1e9 / rate));
    private final String tag = Params.runTag("c2c");
    private final Recorder recorder = new Recorder("c2c", tag, devices);
    private final ServerProbe probe = new ServerProbe(Params.base());
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private volatile List<Fixture.User> users;
    private volatile long startAt;

    private final ChainBuilder send = exec(session -> {
        long seq = session.getLong("seq") + 1;
        String id = tag + "." + session.getInt("i") + "." + seq;
        long now = System.currentTimeMillis();
        recorder.sent(id, now, 1);
        return session.set("seq", seq).set("frame", Frames.message("C2C", id, session.getString("peer"), now, seq));
    }).exec(ws("send C2C").sendText("#{frame}"));

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

    {
        setUp(pairsScenario.injectOpen(rampUsers(devices).during(connectRamp)),
                cpuProbe.injectOpen(atOnceUsers(1)))
                .protocols(Chorus.protocol(recorder, false))
                .maxDuration(connectRamp.plus(warmup).plus(duration).plus(drain).plusMinutes(3));
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
        }
        if (restart) {
            restartNode();
        }
        startAt = System.currentTimeMillis() + connectRamp.toMillis() + 3000 + warmup.toMillis();
        if (!window.isZero()) {
            recorder.windows(startAt, window.toMillis());
            sampleServerCpu();
        }
        extra.put("restart", restart ? Map.of("ready_after_ms", readyAfterMs, "first_send_after_ready_ms",
                startAt - readyAtMs) : "none");
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

    private volatile long readyAtMs;
    private volatile long readyAfterMs;

    /** `target-up.sh restart`: the node stops and starts again on the same database; returns once it is ready. */
    private void restartNode() {
        Path cwd = Path.of(System.getProperty("user.dir"));
        Path module = Files.isDirectory(cwd.resolve("load-tests")) ? cwd.resolve("load-tests") : cwd;
        long t0 = System.currentTimeMillis();
        try {
            Process p = new ProcessBuilder("bash", module.resolve("target-up.sh").toString(), "restart").inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("target-up.sh restart failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
