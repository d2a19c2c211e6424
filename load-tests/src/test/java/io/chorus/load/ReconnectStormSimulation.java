package io.chorus.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

/**
 * reconnect storm: `devices` offline devices (one user each, logged in, so their device exists) in
 * groups of `group.size`; one extra member per group sends `messages` C2G messages while they are
 * away (the fill). Then every device connects within `ramp` (0: all at once) and gets its backlog
 * replayed; each acknowledges every message as it arrives. Reports the time from the first connect
 * until every backlog is delivered, per-device completion percentiles, lost and duplicates.
 */
public class ReconnectStormSimulation extends Simulation {

    private final int devices = Params.integer("devices", 10_000);
    private final int perDevice = Params.integer("messages", 50);
    private final int groupSize = Params.integer("group.size", 500);
    private final Duration ramp = Params.duration("ramp", "0s");
    private final Duration timeout = Params.duration("timeout", "180s");
    private final int groups = (devices + groupSize - 1) / groupSize;
    private final String tag = Params.runTag("storm");
    private final Recorder recorder = new Recorder("reconnect-storm", tag, devices);
    private final ServerProbe probe = new ServerProbe(Params.base());
    private final AtomicInteger nextSender = new AtomicInteger();
    private final AtomicInteger nextDevice = new AtomicInteger();
    private final AtomicLong stormStart = new AtomicLong();
    private final AtomicLong fillStart = new AtomicLong();
    private final AtomicLong fillDone = new AtomicLong();
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private volatile List<Fixture.User> users;
    private volatile List<String> gids;
    private volatile long[] cpuAtStart;

    private final ScenarioBuilder fill = scenario("fill: senders")
            .exec(session -> {
                fillStart.compareAndSet(0, System.currentTimeMillis());
                int g = nextSender.getAndIncrement();
                return session.set("g", g).set("token", users.get(devices + g).token()).set("seq", 0L)
                        .set("t0", System.currentTimeMillis());
            })
            .exec(Chorus.connect())
            .exitHereIfFailed()
            .exec(repeat(perDevice).on(pace(Duration.ofMillis(25)).exec(session -> {
                long seq = session.getLong("seq") + 1;
                int g = session.getInt("g");
                String id = tag + ".g" + g + "." + seq;
                long now = System.currentTimeMillis();
                recorder.sent(id, now, Math.min(groupSize, devices - g * groupSize));
                return session.set("seq", seq).set("frame", Frames.message("C2G", id, gids.get(g), now, seq));
            }).exec(ws("fill C2G").sendText("#{frame}"))))
            // Bounded wait for the server acks of the whole fill (the recorder sees them arrive).
            .asLongAs(session -> recorder.serverAcked() < (long) groups * perDevice
                    && System.currentTimeMillis() - session.getLong("t0") < 120_000)
            .on(pause(Duration.ofMillis(100)))
            .exec(ws("close").close())
            .exec(session -> {
                fillDone.compareAndSet(0, System.currentTimeMillis());
                return session;
            });

    private final ScenarioBuilder storm = scenario("storm: devices")
            .exec(session -> {
                if (stormStart.compareAndSet(0, System.currentTimeMillis())) {
                    cpuAtStart = probe.cpuTicks();
                }
                int i = nextDevice.getAndIncrement();
                return session.set("i", i).set("token", users.get(i).token());
            })
            .exec(Chorus.connect())
            .exitHereIfFailed()
            .asLongAs(session -> recorder.deliveredTo(session.getInt("i")) < perDevice
                    && System.currentTimeMillis() - stormStart.get() < timeout.toMillis())
            .on(pause(Duration.ofMillis(200)).exec(Chorus.record(recorder)))
            // Stay a moment so the acks of the last frames leave before the close.
            .pause(Duration.ofSeconds(2))
            .exec(ws("close").close());

    {
        OpenInjectionStep arrivals = ramp.isZero() ? atOnceUsers(devices) : rampUsers(devices).during(ramp);
        setUp(fill.injectOpen(atOnceUsers(groups)).andThen(storm.injectOpen(arrivals)))
                .protocols(Chorus.protocol(recorder, true))
                .maxDuration(timeout.plusMinutes(5));
    }

    @Override
    public void before() {
        System.out.printf("[storm] %d devices, %d messages each, groups of %d (%d groups), ramp %s, run %s%n",
                devices, perDevice, groupSize, groups, ramp, tag);
        try (Fixture fixture = new Fixture(Params.base())) {
            users = fixture.users(tag, devices + groups);
            List<Fixture.User> owners = new ArrayList<>();
            List<List<Fixture.User>> members = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                owners.add(users.get(devices + g));
                members.add(users.subList(g * groupSize, Math.min(devices, (g + 1) * groupSize)));
            }
            gids = fixture.groups(tag, owners, members);
        }
        extra.put("parameters", Map.of("devices", devices, "messages_per_device", perDevice, "group_size", groupSize,
                "groups", groups, "ramp_s", ramp.toSeconds(), "source_addresses", Params.localAddresses().size()));
    }

    @Override
    public void after() {
        long t0 = stormStart.get();
        double seconds = (System.currentTimeMillis() - t0) / 1000.0;
        Map<String, Object> s = new LinkedHashMap<>(extra);
        if (cpuAtStart != null) {
            s.put("cpu_during_storm", ServerProbe.cpuShare(cpuAtStart, probe.cpuTicks(), seconds));
        }
        Histogram done = new Histogram(3);
        int complete = 0;
        long last = 0;
        for (int i = 0; i < devices; i++) {
            if (recorder.deliveredTo(i) >= perDevice) {
                complete++;
                long at = recorder.lastArrival.get(i) - t0;
                done.recordValue(Math.max(0, at));
                last = Math.max(last, at);
            }
        }
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("fill_seconds", fillDone.get() == 0 ? -1 : Recorder.round((fillDone.get() - fillStart.get()) / 1000.0));
        st.put("devices_with_whole_backlog", complete);
        st.put("devices_missing_messages", devices - complete);
        st.put("all_backlogs_delivered_after_ms", complete == devices ? last : -1);
        st.put("device_backlog_complete_ms", Recorder.percentiles(done));
        s.put("storm", st);
        Recorder.report("reconnect-storm", tag, recorder.summary(s));
    }
}
