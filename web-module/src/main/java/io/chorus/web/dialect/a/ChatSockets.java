package io.chorus.web.dialect.a;

import io.chorus.app.account.AccountService;
import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.DatabaseReach;
import io.chorus.app.error.ErrorCode;
import io.chorus.web.protocol.a.FrameDecoder;
import io.chorus.web.protocol.a.FrameEncoder;
import io.chorus.web.protocol.a.FrameRejectedException;
import io.chorus.web.protocol.a.InboundFrame;
import io.chorus.web.socket.AnswerOrder;
import io.chorus.web.socket.ClientConnection;
import io.chorus.web.socket.CloseCodes;
import io.chorus.web.socket.Connections;
import io.chorus.web.socket.SessionWriter;
import io.chorus.web.socket.handshake.HandshakeCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What dialect A does with a socket (SPEC §4): authenticate it once on open, then decode each text
 * frame and hand it to the {@link FrameDispatcher}. A bad frame is answered with an error frame and
 * the connection stays up (SPEC §10). Logs carry ids, never frame bodies or tokens.
 *
 * <p>One bean for all sockets: the container makes a {@link ChatEndpoint} per socket, which keeps
 * only that socket's state and calls in here.
 */
@ApplicationScoped
public class ChatSockets {
    private static final Logger LOG = Logger.getLogger(ChatSockets.class.getName());

    @Inject
    DatabaseReach reach;

    @Inject
    AccountService accounts;

    @Inject
    Connections connections;

    @Inject
    JsonDialect dialect;

    @Inject
    FrameDispatcher dispatcher;

    @Inject
    FrameDecoder decoder;

    @Inject
    FrameEncoder encoder;

    @Inject
    @ConfigProperty(name = "chorus.ws.max-frame-bytes")
    int maxFrameBytes;

    @Inject
    @ConfigProperty(name = "chorus.ws.idle-timeout-seconds")
    int idleTimeoutSeconds;

    /** Reassembles one socket's partial text frames, up to the frame limit. */
    TextAssembler newAssembler() {
        return new TextAssembler(maxFrameBytes);
    }

    /**
     * Authenticates a new socket with what its upgrade request claimed; the live connection, or null
     * when it was refused (an error frame, then a close, are on their way).
     */
    ClientConnection open(Session session, EndpointConfig config) {
        // Frames up to this size are read whole (and refused politely if over the payload limit);
        // only larger ones make the container close with 1009.
        session.setMaxTextMessageBufferSize(maxFrameBytes);
        session.setMaxBinaryMessageBufferSize(maxFrameBytes);
        session.setMaxIdleTimeout(TimeUnit.SECONDS.toMillis(idleTimeoutSeconds));
        Caller caller;
        try {
            reach.check();
            caller = authenticate(HandshakeCredentials.take(session, config));
        } catch (ChorusException refused) {
            reject(session, refused.code());
            return null;
        } catch (RuntimeException failure) {
            // E.g. the database is down: not the client's fault, so no 706 that would log the user out.
            ErrorCode code = reach.codeOf(failure);
            LOG.log(code == ErrorCode.INTERNAL ? Level.WARNING : Level.FINE,
                    "Connection " + session.getId() + " could not be authenticated", failure);
            refuse(session, code, CloseCodes.reason(CloseCodes.INTERNAL_ERROR, code.reason()));
            return null;
        }
        return connections.open(session, caller, dialect);
    }

    /** A frame over the limit: the socket is closed with 1009. */
    void tooBig(ClientConnection current) {
        LOG.fine(() -> "Connection " + current.id() + " sent a frame over " + maxFrameBytes + " bytes; closing");
        current.close(CloseReason.CloseCodes.TOO_BIG.getCode(), "frame too big");
    }

    private static String refOf(InboundFrame frame) {
        return frame == null ? null : frame.ref();
    }

    /** One whole text frame of an authenticated socket. */
    void onText(ClientConnection current, String text) {
        if (FrameDecoder.PING.equals(text)) {
            // A client's barrier: what it acknowledged or sent before the ping is settled and answered.
            current.answerOrder().awaitTurn(AnswerOrder.Turn.OTHER);
            current.send(FrameEncoder.PONG);
            return;
        }
        Caller caller = current.caller();
        InboundFrame frame = null;
        try {
            frame = decoder.decode(text, caller.uid(), caller.did());
            dispatcher.dispatch(current, frame);
        } catch (FrameRejectedException rejected) {
            // Answers keep the order of the frames, also behind pipelined sends.
            current.answerOrder().answerAfterSends(encoder.error(rejected.code(), rejected.ref(), rejected.getMessage()));
        } catch (ChorusException refused) {
            current.answerOrder().answerAfterSends(encoder.error(refused.code(), refOf(frame), refused.getMessage()));
        } catch (RuntimeException failure) {
            // One frame's failure must not take the connection down with it (SPEC §10). The error names
            // the frame: a client waiting for a group send's answer must learn it was not stored.
            ErrorCode code = reach.codeOf(failure);
            LOG.log(code == ErrorCode.INTERNAL ? Level.WARNING : Level.FINE,
                    "Connection " + current.id() + " failed to handle a frame", failure);
            current.answerOrder().answerAfterSends(encoder.error(code, refOf(frame)));
        }
    }

    /** Dialect A is text only; a binary frame is a malformed frame, not a reason to hang up. */
    void onBinary(ClientConnection current) {
        current.send(encoder.error(ErrorCode.MALFORMED, null, "binary frames are not part of dialect A"));
    }

    /** The socket went away (closed or failed); {@code current} is null for one never authenticated. */
    void closed(ClientConnection current) {
        if (current != null) {
            connections.closed(current);
        }
    }

    /** The token must be genuine and current, and a {@code did}, if given, must be the token's device. */
    private Caller authenticate(HandshakeCredentials credentials) {
        if (credentials.token() == null) {
            throw new ChorusException(ErrorCode.TOKEN_INVALID);
        }
        Caller caller = credentials.verified() != null
                ? accounts.authenticate(credentials.verified())
                : accounts.authenticate(credentials.token());
        if (credentials.did() != null && !credentials.did().equals(caller.did())) {
            throw new ChorusException(ErrorCode.TOKEN_INVALID);
        }
        return caller;
    }

    /** SPEC §4: the refusal is an error frame after the upgrade, then a close the client can act on. */
    private void reject(Session session, ErrorCode cause) {
        boolean expired = cause == ErrorCode.TOKEN_EXPIRED;
        ErrorCode code = expired ? ErrorCode.TOKEN_EXPIRED : ErrorCode.TOKEN_INVALID;
        LOG.fine(() -> "Connection " + session.getId() + " refused: " + code.reason());
        refuse(session, code, CloseCodes.reason(expired ? CloseCodes.TOKEN_EXPIRED : CloseCodes.TOKEN_INVALID, code.reason()));
    }

    private void refuse(Session session, ErrorCode code, CloseReason close) {
        SessionWriter.refuse(session, encoder.error(code, null), close);
    }
}
