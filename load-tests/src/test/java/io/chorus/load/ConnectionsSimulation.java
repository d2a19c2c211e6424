package io.chorus.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * connections: `users` authenticated `/ws` connections (one user and device each), opened over
 * `ramp`, each proving its authentication with a `ping` → `pong2` round trip and keeping alive
 * with one every `keepalive`, held for `hold`. After the ramp and `settle`, measures the server:
 * connection gauge, heap after a full GC, RSS, open files, and divides the growth since before
 * the ramp by the connections held.
 */
public class ConnectionsSimulation extends Simulation {

    private final int users = Params.integer("users", 1000);
    private final Duration ramp = Params.duration("ramp", "60s");
    private final Duration settle = Params.duration("settle", "15s");
    private final Duration hold = Params.duration("hold", "60s");
    private final Duration keepalive = Params.duration("keepalive", "30s");
    private final String tag = Params.runTag("conn");
    private final ServerProbe probe = new ServerProbe(Params.base());
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private volatile List<Fixture.User> fixtureUsers;
    private volatile Map<String, Object> before;
    private volatile long endAt;
    private volatile CompletableFuture<Map<String, Object>> measured = CompletableFuture.completedFuture(Map.of());

    private final ScenarioBuilder idle = scenario("idle connections")
            .exec(session -> {
                int i = next.getAndIncrement();
                return session.set("i", i).set("token", fixtureUsers.get(i).token());
            })
            .exec(Chorus.connect())
            .exitHereIfFailed()
            .exec(ws("first ping").sendText("ping").await(Duration.ofSeconds(30))
                    .on(ws.checkTextMessage("pong2").check(bodyString().is("pong2"))))
            .exitHereIfFailed()
            .exec(session -> {
                peak.accumulateAndGet(held.incrementAndGet(), Math::max);
                return session;
            })
            .asLongAs(session -> System.currentTimeMillis() < endAt && !session.isFailed())
            .on(exec(session -> session)
                    .pause(session -> Duration.ofMillis(Math.max(1, Math.min(keepalive.toMillis(), endAt - System.currentTimeMillis()))))
                    .exec(ws("keep-alive ping").sendText("ping").await(Duration.ofSeconds(30))
                            .on(ws.checkTextMessage("pong2").check(bodyString().is("pong2")))))
            .exec(session -> {
                held.decrementAndGet();
                if (session.isFailed()) {
                    dropped.incrementAndGet();
                }
                return session;
            })
            .exec(ws("close").close());

    private final ScenarioBuilder measure = scenario("server probe")
            .pause(ramp.plus(settle))
            .exec(session -> {
                int heldNow = held.get();
                // jcmd/jstat take a few seconds: off Gatling's threads; after() waits for the result.
                measured = CompletableFuture.supplyAsync(() -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("held_by_gatling", heldNow);
                    m.putAll(probe.memory());
                    return m;
                });
                return session;
            });

    {
        setUp(idle.injectOpen(rampUsers(users).during(ramp)), measure.injectOpen(atOnceUsers(1)))
                .protocols(Chorus.protocol(null, false))
                .maxDuration(ramp.plus(settle).plus(hold).plusMinutes(3));
    }

    @Override
    public void before() {
        System.out.printf("[connections] %d users over %s from %d source addresses, held %s after %s, ping every %s, run %s%n",
                users, ramp, Params.localAddresses().size(), hold, settle, keepalive, tag);
        try (Fixture fixture = new Fixture(Params.base())) {
            fixtureUsers = fixture.users(tag, users);
        }
        before = probe.memory();
        endAt = System.currentTimeMillis() + ramp.plus(settle).plus(hold).toMillis();
        extra.put("parameters", Map.of("users", users, "ramp_s", ramp.toSeconds(), "settle_s", settle.toSeconds(),
                "hold_s", hold.toSeconds(), "keepalive_s", keepalive.toSeconds(),
                "source_addresses", Params.localAddresses().size()));
    }

    @Override
    public void after() {
        Map<String, Object> after = measured.join();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("scenario", "connections");
        s.put("run", tag);
        s.putAll(extra);
        s.put("server_before", before);
        s.put("server_at_plateau", after);
        Map<String, Object> r = new LinkedHashMap<>();
        double conns = after.get("server_connections_gauge") instanceof Double d && d > 0 ? d
                : ((Number) after.getOrDefault("held_by_gatling", 0)).doubleValue();
        r.put("connections_held_at_plateau", conns);
        r.put("peak_held_by_gatling", peak.get());
        r.put("dropped_during_hold", dropped.get());
        if (conns > 0 && before.containsKey("heap_used_after_gc_bytes") && after.containsKey("heap_used_after_gc_bytes")) {
            long heap = ((Number) after.get("heap_used_after_gc_bytes")).longValue() - ((Number) before.get("heap_used_after_gc_bytes")).longValue();
            long rss = ((Number) after.get("rss_bytes")).longValue() - ((Number) before.get("rss_bytes")).longValue();
            r.put("heap_bytes_per_connection", Math.round(heap / conns));
            r.put("rss_bytes_per_connection", Math.round(rss / conns));
            r.put("heap_plus_native_bytes_per_connection", Math.round((heap + rss) / conns));
            r.put("open_files_per_connection", Recorder.round((((Number) after.get("open_files")).longValue()
                    - ((Number) before.get("open_files")).longValue()) / conns));
        }
        s.put("result", r);
        Recorder.report("connections", tag, s);
    }
}
