package io.chorus.web.dialect.b;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.identity.PublicIds;
import io.chorus.app.event.DeviceSignedIn;
import io.chorus.app.event.PresenceChanged;
import io.chorus.app.event.RevokedMessage;
import io.chorus.app.event.StoredMessage;
import io.chorus.domain.message.Conversation;
import io.chorus.web.protocol.b.Command;
import io.chorus.web.protocol.b.Contact;
import io.chorus.web.protocol.b.ContentMapping;
import io.chorus.web.protocol.b.JimJson;
import io.chorus.web.protocol.b.JimMessage;
import io.chorus.web.socket.ClientConnection;
import io.chorus.web.socket.CloseCodes;
import io.chorus.web.socket.Dialect;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Dialect B ({@code /jim}, SPEC §6): JIM packets in binary frames. A message is delivered when its
 * packet is written (JIM has no client ack); what JIM has no command for — stored notices, revokes,
 * presence — is not sent, and a stored notice counts as delivered so it does not wait forever. A
 * device pushed out, or replaced by a newer socket of the same terminal, gets
 * {@code Cmd_ConflictNotification} before the close, as in the Go server.
 */
@ApplicationScoped
class JimDialect implements Dialect {

    @Inject
    JimFrames frames;

    @Inject
    PublicIds ids;

    @Override
    public String deliver(ClientConnection connection, StoredMessage message, Runnable onWritten) {
        // Nothing to resend: the write is the delivery, so onWritten has no clock to start.
        long messageId = message.messageId();
        if (Conversation.isNotice(message.kind())) {
            connection.written(messageId);
            return null;
        }
        byte[] packet = frames.request(Command.MSG, JimJson.writeMessage(toJim(connection, message)));
        connection.sendBinary(packet, () -> connection.written(messageId));
        return null;
    }

    private JimMessage toJim(ClientConnection connection, StoredMessage message) {
        boolean group = Conversation.GROUP.equals(message.kind());
        long to = group ? ids.decodeGroupOr(message.to(), () -> new ChorusException(ErrorCode.INTERNAL)) : ids.decode(message.to());
        return message(message.kind(), ids.decode(message.from()), to, connection.caller().userId(), message.serverTs(),
                message.messageId(), message.payloadJson(), true);
    }

    /**
     * A stored message as JIM shows it (SPEC §6): one-to-one from its author to the peer; a group's
     * copy from the group to the reader, with the author in {@code ar}. {@code st} is the server's
     * time, the instant dialect A sees as {@code server_ts}; {@code id} is the MID. Without
     * {@code withAddress} it is the MessageBody of {@code Cmd_GetMsgBodys} (no {@code fr}, {@code to}).
     *
     * @param toId the peer (seen from the author) or the group
     */
    static JimMessage message(String kind, long authorId, long toId, long readerId, long serverTs, long mid,
                              String payloadJson, boolean withAddress) {
        Contact author = Contact.user(authorId);
        boolean group = Conversation.GROUP.equals(kind);
        Contact from = group ? Contact.group(toId) : author;
        Contact to = group ? Contact.user(readerId) : Contact.user(toId);
        return new JimMessage(withAddress ? from : null, withAddress ? to : null, List.of(), author, 0, serverTs, mid,
                ContentMapping.toDialectB(Dialect.payload(payloadJson)));
    }

    /** JIM cannot take a message back; the stub replaces its content in history. */
    @Override
    public void revoked(ClientConnection connection, RevokedMessage revoked) {
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
        connection.sendBinary(frames.request(Command.CONFLICT_NOTIFICATION, null), null);
        connection.close(closeCode, "conflict");
    }
}
