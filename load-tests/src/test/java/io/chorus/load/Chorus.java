package io.chorus.load;

import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.http.action.ws.WsInboundMessage;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.WsConnectActionBuilder;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/** The Gatling pieces every scenario shares. */
final class Chorus {

    private Chorus() {
    }

    /**
     * `/ws` on the server under test, from several 127.0.0.x source addresses, acknowledging every
     * stored message and notice the moment it arrives (as a client must), and keeping unmatched
     * frames for {@link #record} when `buffer` is set.
     */
    static HttpProtocolBuilder protocol(Recorder recorder, boolean buffer) {
        return http.baseUrl(Params.base()).wsBaseUrl(Params.wsBase())
                .localAddresses(Params.localAddresses())
                .wsAutoReplyTextFrame(observer(recorder))
                .wsUnmatchedInboundMessageBufferSize(buffer ? Params.integer("ws.buffer", 100_000) : 0)
                .userAgentHeader("chorus-load-tests")
                .shareConnections();
    }

    /**
     * Sees every inbound text frame first (recorder), and answers stored messages and notices with
     * their CLIENT_ACK. Gatling's Java wrapper calls this twice for a frame it then answers
     * (isDefinedAt, then apply, on the same thread with the same String): the second call is
     * recognised by identity and neither recorded nor computed again.
     */
    static Function<String, String> observer(Recorder recorder) {
        ThreadLocal<Object[]> last = ThreadLocal.withInitial(() -> new Object[2]);
        return frame -> {
            Object[] l = last.get();
            if (l[0] == frame) {
                return (String) l[1];
            }
            String reply = Frames.autoAck(frame);
            if (recorder != null) {
                recorder.observe(frame);
            }
            l[0] = frame;
            l[1] = reply;
            return reply;
        };
    }

    /** Opens the session's socket with its access token in the header (the session holds `token`). */
    static WsConnectActionBuilder connect() {
        return ws("connect").connect("/ws").header("Authorization", "Bearer #{token}");
    }

    /** Hands every frame that arrived since the last call to the recorder, for device `i` of the session. */
    static ActionBuilder record(Recorder recorder) {
        return ws.processUnmatchedMessages((messages, session) -> {
            int i = session.getInt("i");
            for (WsInboundMessage m : messages) {
                if (m instanceof WsInboundMessage.Text t) {
                    recorder.onFrame(i, t.timestamp(), t.message());
                }
            }
            return session;
        });
    }

    /**
     * One virtual user that measures the server while the sends run, from {@code startAt} (epoch ms,
     * read when the run starts) for {@code window}: the cores used by the server, PostgreSQL, Gatling
     * and the rest ({@code cpu_during_sends}) and the server's GC counts before and after, into {@code extra}.
     */
    static ScenarioBuilder cpuProbe(ServerProbe probe, LongSupplier startAt, Duration window, Map<String, Object> extra) {
        return scenario("cpu probe")
                .pause(session -> Duration.ofMillis(Math.max(0, startAt.getAsLong() - System.currentTimeMillis())))
                .exec(session -> {
                    long startMs = System.currentTimeMillis();
                    long[] ticks = probe.cpuTicks();
                    extra.put("server_gc_before", probe.gc());
                    return session.set("cpuStartMs", startMs).set("cpuAtStart", ticks);
                })
                .pause(window)
                .exec(session -> {
                    double seconds = (System.currentTimeMillis() - session.getLong("cpuStartMs")) / 1000.0;
                    extra.put("cpu_during_sends", ServerProbe.cpuShare(session.get("cpuAtStart"), probe.cpuTicks(), seconds));
                    extra.put("server_gc_after", probe.gc());
                    return session;
                });
    }
}
