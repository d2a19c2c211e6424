package io.chorus.web.dialect.a;

import io.chorus.app.error.ErrorCode;
import io.chorus.app.event.DeliveredUpTo;
import io.chorus.app.event.DeviceSignedIn;
import io.chorus.app.event.PresenceChanged;
import io.chorus.app.event.ReadMoved;
import io.chorus.app.event.RevokedMessage;
import io.chorus.app.event.StoredMessage;
import io.chorus.app.event.Typing;
import io.chorus.domain.message.ConversationKind;
import io.chorus.web.protocol.a.ChatType;
import io.chorus.web.protocol.a.FrameEncoder;
import io.chorus.web.protocol.a.Notice;
import io.chorus.web.protocol.a.OutboundMessage;
import io.chorus.web.socket.ClientConnection;
import io.chorus.web.socket.CloseCodes;
import io.chorus.web.socket.Dialect;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Dialect A ({@code /ws}, SPEC §4): JSON text frames; messages and stored notices wait for {@code CLIENT_ACK}. */
@ApplicationScoped
class JsonDialect implements Dialect {

    @Inject
    FrameEncoder encoder;

    @Inject
    @ConfigProperty(name = "chorus.typing.expires-ms")
    long typingExpiresMillis;

    // Room for the group messages of a large reconnect wave (the storm scenario has 1,000).
    private final RecentFrames recentFrames = new RecentFrames(4096);

    @Override
    public String deliver(ClientConnection connection, StoredMessage message, Runnable onWritten) {
        String frame = encode(connection, message);
        connection.send(frame, onWritten);
        return frame;
    }

    /**
     * A stored notice is an {@code S2C} frame (a group's notice addressed to this device's user); a
     * chat message the message frame of its kind, the same for every device, so a live event's
     * frame is made once per node ({@link RecentFrames}), for its live devices and for the backlog
     * replays that carry it: a group's 500 members would otherwise cost 500 parses and encodings of
     * one message.
     */
    private String encode(ClientConnection connection, StoredMessage message) {
        if (message.kind().isNotice()) {
            String to = message.kind() == ConversationKind.GROUP_NOTICES ? connection.caller().uid() : message.to();
            return encoder.notice(new Notice(message.wireId(), message.from(), to, Dialect.payload(message.payloadJson()),
                    message.serverTs()));
        }
        String frame = recentFrames.get(message);
        if (frame == null) {
            frame = encoder.message(new OutboundMessage(ChatType.valueOf(message.kind().code()), message.wireId(), message.from(),
                    message.to(), Dialect.payload(message.payloadJson()), message.createdAt(), message.serverTs(), message.seq()));
            recentFrames.put(message, frame);
        }
        return frame;
    }

    @Override
    public void revoked(ClientConnection connection, RevokedMessage revoked) {
        connection.send(encoder.revoke(ChatType.valueOf(revoked.kind().code()), revoked.wireId(), revoked.from(), revoked.to(),
                revoked.serverTs()));
    }

    /** {@code S2C online|offline|hide} from the friend. */
    @Override
    public void presence(ClientConnection connection, PresenceChanged presence) {
        connection.send(encoder.presence(presence.uid(), connection.caller().uid(), presence.state(), presence.serverTs()));
    }

    /** {@code C2C_READ} / {@code C2G_READ}: with the unread count to the reader's own devices, without it as a receipt. */
    @Override
    public void readMoved(ClientConnection connection, ReadMoved read, boolean own) {
        connection.send(encoder.read(ChatType.valueOf(read.kind().code()), read.readerUid(), read.to(), read.seq(),
                own ? read.unread() : null, read.serverTs()));
    }

    @Override
    public void delivered(ClientConnection connection, DeliveredUpTo delivered) {
        connection.send(encoder.delivered(delivered.recipientUid(), delivered.senderUid(), delivered.seq(), delivered.serverTs()));
    }

    @Override
    public void typing(ClientConnection connection, Typing typing) {
        connection.send(encoder.typing(ChatType.valueOf(typing.kind().code()), typing.fromUid(), typing.to(), typingExpiresMillis,
                typing.serverTs()));
    }

    /** {@code logged_another_device}; a device the policy pushes out is then closed with 4002. */
    @Override
    public void anotherDevice(ClientConnection connection, DeviceSignedIn signedIn, boolean kicked) {
        connection.send(encoder.loggedAnotherDevice(signedIn.uid(), signedIn.did(), signedIn.dname(), signedIn.serverTs()));
        if (kicked) {
            connection.close(CloseCodes.KICKED, "logged_another_device");
        }
    }

    @Override
    public void replaced(ClientConnection connection) {
        connection.close(CloseCodes.REPLACED, "replaced");
    }

    /** As for an invalid token (SPEC §4): 706, then close 4006. */
    @Override
    public void tokensRevoked(ClientConnection connection) {
        connection.send(encoder.error(ErrorCode.TOKEN_INVALID, null));
        connection.close(CloseCodes.TOKEN_INVALID, ErrorCode.TOKEN_INVALID.reason());
    }

}
