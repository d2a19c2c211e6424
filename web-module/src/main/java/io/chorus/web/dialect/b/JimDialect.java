package io.chorus.web.dialect.b;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.delivery.Acknowledgements.DeliveredCopy;
import io.chorus.app.event.DeviceSignedIn;
import io.chorus.app.event.PresenceChanged;
import io.chorus.app.event.RevokedMessage;
import io.chorus.app.event.StoredMessage;
import io.chorus.app.identity.PublicIds;
import io.chorus.app.message.MessageService;
import io.chorus.domain.message.ConversationKind;
import io.chorus.web.protocol.b.Command;
import io.chorus.web.protocol.b.JimJson;
import io.chorus.web.protocol.b.JimMessage;
import io.chorus.web.protocol.b.MsgCodec;
import io.chorus.web.protocol.b.NoticeCodec;
import io.chorus.web.protocol.b.ServerPackets;
import io.chorus.web.socket.ClientConnection;
import io.chorus.web.socket.CloseCodes;
import io.chorus.web.socket.Dialect;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Dialect B ({@code /jim}, SPEC §6): JIM packets in binary frames. A message or stored notice is
 * delivered when its packet is written (JIM has no client ack); a stored notice goes in its JIM form
 * ({@link NoticeCodec}: roster requests and answers, group changes, system notices); a revoke is the
 * message again with the revoke stub. What JIM has no command for — presence, other notices — is
 * not sent, and such a notice counts as delivered so it does not wait forever. A
 * device pushed out, or replaced by a newer socket of the same terminal, gets
 * {@code Cmd_ConflictNotification} before the close, as in the Go server.
 */
@ApplicationScoped
class JimDialect implements Dialect {
    private static final Logger LOG = Logger.getLogger(JimDialect.class.getName());

    @Inject
    ServerPackets packets;

    @Inject
    PublicIds ids;

    private final NoticeCodec.Ids noticeIds = new NoticeCodec.Ids() {
        @Override
        public long user(String uid) {
            return ids.decode(uid);
        }

        @Override
        public long group(String gid) {
            return ids.decodeGroupOr(gid, () -> new ChorusException(ErrorCode.INTERNAL));
        }
    };

    @Override
    public String deliver(ClientConnection connection, StoredMessage message, Runnable onWritten) {
        // Nothing to resend: the write is the delivery, so onWritten has no clock to start.
        long messageId = message.messageId();
        if (message.kind().isNotice()) {
            deliverNotice(connection, message);
            return null;
        }
        byte[] packet = packets.request(Command.MSG, JimJson.writeMessage(toJim(connection, message)));
        DeliveredCopy delivered = DeliveredCopy.of(connection.caller().uid(), message);
        connection.sendBinary(packet, () -> connection.written(messageId, delivered));
        return null;
    }

    /**
     * A stored notice in its JIM form ({@link NoticeCodec}), written like a message: delivered once
     * its last packet is written. A notice JIM has no form for is settled at once, or it would wait forever.
     */
    private void deliverNotice(ClientConnection connection, StoredMessage message) {
        long messageId = message.messageId();
        List<NoticeCodec.Push> pushes;
        try {
            pushes = NoticeCodec.toJim(Dialect.payload(message.payloadJson()), rawUser(message.from()),
                    connection.caller().userId(), message.serverTs(), messageId, noticeIds);
        } catch (RuntimeException unreadable) {
            // A notice this server cannot put in JIM terms must not stop the device's feed; dialect A still has it.
            LOG.log(Level.WARNING, "Notice " + messageId + " has no JIM form; settled unsent", unreadable);
            pushes = List.of();
        }
        if (pushes.isEmpty()) {
            connection.written(messageId);
            return;
        }
        for (int i = 0; i < pushes.size(); i++) {
            NoticeCodec.Push push = pushes.get(i);
            boolean last = i == pushes.size() - 1;
            connection.sendBinary(packets.request(push.command(), push.data()), last ? () -> connection.written(messageId) : null);
        }
    }

    /** A notice's sender as a raw id; 0 when it has none. */
    private long rawUser(String uid) {
        return uid == null || uid.isEmpty() ? 0 : ids.decodeOr(uid, () -> new ChorusException(ErrorCode.INTERNAL));
    }

    private JimMessage toJim(ClientConnection connection, StoredMessage message) {
        boolean group = message.kind() == ConversationKind.GROUP;
        long to = group ? ids.decodeGroupOr(message.to(), () -> new ChorusException(ErrorCode.INTERNAL)) : ids.decode(message.to());
        return MsgCodec.message(group, ids.decode(message.from()), to, connection.caller().userId(), message.serverTs(),
                message.messageId(), message.payloadJson(), true);
    }

    /**
     * JIM has no revoke: the message comes again as a {@code Cmd_Msg} with its MID, its content the
     * revoke stub, which is what history shows for it from now on. One-shot, as dialect A's revoke frame.
     */
    @Override
    public void revoked(ClientConnection connection, RevokedMessage revoked) {
        if (revoked.messageId() == 0) {
            return;
        }
        boolean group = revoked.kind() == ConversationKind.GROUP;
        long to = group ? ids.decodeGroupOr(revoked.to(), () -> new ChorusException(ErrorCode.INTERNAL)) : ids.decode(revoked.to());
        JimMessage stub = MsgCodec.message(group, ids.decode(revoked.from()), to, connection.caller().userId(), revoked.serverTs(),
                revoked.messageId(), MessageService.REVOKED_PAYLOAD, true);
        connection.sendBinary(packets.request(Command.MSG, JimJson.writeMessage(stub)), null);
    }

    /** JIM has no presence push. */
    @Override
    public void presence(ClientConnection connection, PresenceChanged presence) {
    }

    @Override
    public void anotherDevice(ClientConnection connection, DeviceSignedIn signedIn, boolean kicked) {
        if (kicked) {
            conflict(connection, CloseCodes.KICKED);
        }
    }

    /** The Go server's rule: the same user on the same terminal type again pushes the old one out. */
    @Override
    public void replaced(ClientConnection connection) {
        conflict(connection, CloseCodes.REPLACED);
    }

    @Override
    public void tokensRevoked(ClientConnection connection) {
        connection.close(CloseCodes.TOKEN_INVALID, ErrorCode.TOKEN_INVALID.reason());
    }

    private void conflict(ClientConnection connection, int closeCode) {
        connection.sendBinary(packets.request(Command.CONFLICT_NOTIFICATION, null), null);
        connection.close(closeCode, "conflict");
    }
}
