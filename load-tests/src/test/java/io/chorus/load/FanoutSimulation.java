package io.chorus.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * fan-out: one group of `members` users, all online; `senders` of them send C2G messages at an
 * aggregate `rate` (messages/s) for `duration`, every member acknowledging each message. Each
 * message is delivered to members − 1 devices. Per-device accounting (lost, duplicates, order,
 * latency) covers the members that do not send (Gatling empties a session's frame buffer when it
 * sends); the senders' copies are counted in total (c2g_frames_all_devices).
 */
public class FanoutSimulation extends Simulation {

    private final int members = Params.integer("members", 500);
    private final int senders = Params.integer("senders", 10);
    private final double rate = Params.decimal("rate", 21);
    private final Duration duration = Params.duration("duration", "60s");
    private final Duration drain = Params.duration("drain", "15s");
    private final Duration connectRamp = Params.duration("connect.ramp", "10s");
    private final Duration interval = Duration.ofNanos(Math.round(senders * 1e9 / rate));
    private final String tag = Params.runTag("fan");
    private final Recorder recorder = new Recorder("fan-out", tag, members);
    private final ServerProbe probe = new ServerProbe(Params.base());
    private final AtomicInteger next = new AtomicInteger();
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private volatile List<Fixture.User> users;
    private volatile String gid;
    private volatile long startAt;

    private final ChainBuilder send = exec(session -> {
        long seq = session.getLong("seq") + 1;
        String id = tag + "." + session.getInt("i") + "." + seq;
        long now = System.currentTimeMillis();
        recorder.sent(id, now, members - senders);
        return session.set("seq", seq).set("frame", Frames.message("C2G", id, gid, now, seq));
    }).exec(ws("send C2G").sendText("#{frame}"));

    private final ScenarioBuilder group = scenario("fan-out members")
            .exec(session -> {
                int i = next.getAndIncrement();
                return session.set("i", i).set("token", users.get(i).token()).set("seq", 0L);
            })
            .exec(Chorus.connect())
            .exitHereIfFailed()
            .pause(session -> Duration.ofMillis(Math.max(0,
                    startAt + interval.toMillis() * session.getInt("i") / Math.max(1, senders) - System.currentTimeMillis())))
            .doIfOrElse(session -> session.getInt("i") < senders)
            .then(exec(session -> session).during(duration).on(pace(interval).exec(send)).pause(drain))
            .orElse(exec(session -> session)
                    .during(duration.plus(drain)).on(pause(Duration.ofMillis(250)).exec(Chorus.record(recorder)))
                    .exec(Chorus.record(recorder)))
            .exec(ws("close").close());

    private final ScenarioBuilder cpuProbe = Chorus.cpuProbe(probe, () -> startAt, duration, extra);

    {
        setUp(group.injectOpen(rampUsers(members).during(connectRamp)), cpuProbe.injectOpen(atOnceUsers(1)))
                .protocols(Chorus.protocol(recorder, true))
                .maxDuration(connectRamp.plus(duration).plus(drain).plusMinutes(3));
    }

    @Override
    public void before() {
        System.out.printf("[fan-out] %d members, %d senders, %.1f messages/s (%.0f deliveries/s), %s, run %s%n",
                members, senders, rate, rate * (members - 1), duration, tag);
        try (Fixture fixture = new Fixture(Params.base())) {
            users = fixture.users(tag, members);
            gid = fixture.groups(tag, List.of(users.get(0)), List.of(users.subList(1, members))).get(0);
        }
        startAt = System.currentTimeMillis() + connectRamp.toMillis() + 5000;
        extra.put("parameters", Map.of("members", members, "senders", senders, "rate_per_s", rate,
                "duration_s", duration.toSeconds(), "drain_s", drain.toSeconds(),
                "deliveries_per_message", members - 1, "counted_receivers", members - senders));
    }

    @Override
    public void after() {
        Map<String, Object> s = recorder.summary(extra);
        Map<String, Object> server = new LinkedHashMap<>();
        long acked = recorder.serverAcked();
        server.put("server_acked_messages", acked);
        server.put("deliveries_made_by_server_incl_senders", acked * (members - 1));
        s.put("fan_out", server);
        Recorder.report("fan-out", tag, s);
    }
}
