package io.chorus.load;

import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.http.action.ws.WsInboundMessage;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.WsConnectActionBuilder;

/** The Gatling pieces every scenario shares. */
final class Chorus {

    private Chorus() {
    }

    /**
     * `/ws` on the server under test, from several 127.0.0.x source addresses, acknowledging every
     * stored message and notice the moment it arrives (as a client must), and keeping unmatched
     * frames for {@link #record} when `buffer` is set.
     */
    static HttpProtocolBuilder protocol(boolean buffer) {
        return http.baseUrl(Params.base()).wsBaseUrl(Params.wsBase())
                .localAddresses(Params.localAddresses())
                .wsAutoReplyTextFrame(Frames::autoAck)
                .wsUnmatchedInboundMessageBufferSize(buffer ? Params.integer("ws.buffer", 100_000) : 0)
                .userAgentHeader("chorus-load-tests")
                .shareConnections();
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
}
