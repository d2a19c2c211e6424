package io.chorus.web.dialect.b;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.error.Failures;
import io.chorus.app.identity.PublicIds;
import io.chorus.app.message.MessageService;
import io.chorus.app.message.MessageViews.Recipient;
import io.chorus.app.message.MessageViews.SendReceipt;
import io.chorus.app.message.SendAttempt;
import io.chorus.app.message.SendOutcomes;
import io.chorus.web.protocol.b.BodyException;
import io.chorus.web.protocol.b.Contact;
import io.chorus.web.protocol.b.ContentMapping;
import io.chorus.web.protocol.b.JimMessage;
import io.chorus.web.protocol.b.MsgCodec;
import io.chorus.web.protocol.b.Packet;
import io.chorus.web.protocol.b.ServerPackets;
import io.chorus.web.socket.ClientConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The messaging commands (CMD 0x10): {@code Cmd_Msg}, stored through the same service as dialect A's sends. */
@ApplicationScoped
class MsgCommands {
    private static final Logger LOG = Logger.getLogger(MsgCommands.class.getName());

    @Inject
    MessageService messages;

    @Inject
    SendOutcomes outcomes;

    @Inject
    PublicIds ids;

    @Inject
    ServerPackets packets;

    @Inject
    @ConfigProperty(name = "chorus.ws.max-payload-bytes")
    int maxPayloadBytes;

    private final Clock clock = Clock.systemUTC();

    /**
     * {@code Cmd_Msg}: stored for {@code to} and every {@code cc} in one transaction, then the Response
     * {@code {oid, mid}}; {@code mid} is the copy for {@code to}. A refusal is the Go server's
     * {@code mid: 0}, with the reason added.
     */
    void send(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        JimMessage message = MsgCodec.readRequest(packet.data());
        SendAttempt attempt = new SendAttempt();
        JsonObject reply;
        try {
            if (!connection.maySend()) {
                throw new ChorusException(ErrorCode.RATE_LIMITED);
            }
            requireSelf(message.from(), caller, "fr");
            requireSelf(message.author(), caller, "ar");
            if (message.to() == null) {
                throw ChorusException.invalid("to is required");
            }
            List<Recipient> recipients = new ArrayList<>();
            recipients.add(Recipients.of(ids, message.to(), "to"));
            for (Contact cc : message.cc()) {
                recipients.add(Recipients.of(ids, cc, "cc"));
            }
            String payload = ContentMapping.toDialectA(message.items()).toString();
            if (payload.getBytes(StandardCharsets.UTF_8).length > maxPayloadBytes) {
                throw new ChorusException(ErrorCode.PAYLOAD_TOO_LARGE);
            }
            long createdAt = message.stamp() > 0 ? message.stamp() : clock.millis();
            List<SendReceipt> receipts = messages.sendToAll(caller, recipients, attempt, payload, createdAt);
            reply = MsgCodec.response(message.id(), receipts.get(0).messageId());
        } catch (BodyException invalid) {
            reply = MsgCodec.refusal(message.id(), ErrorCode.INVALID_FIELD, invalid.getMessage());
        } catch (ChorusException refused) {
            reply = MsgCodec.refusal(message.id(), refused.code(), refused.getMessage());
        } catch (RuntimeException failure) {
            if (!Failures.databaseUnreachable(failure)) {
                throw failure;
            }
            if (attempt.mayHaveCommitted()) {
                answerOnceKnown(connection, packet, message, attempt.wireId());
                return;
            }
            reply = MsgCodec.refusal(message.id(), ErrorCode.UNAVAILABLE, ErrorCode.UNAVAILABLE.text());
        }
        connection.sendBinary(packets.response(packet, reply), null);
    }

    /**
     * The send failed with the database connection at its commit, which PostgreSQL may have made:
     * the client is told what happened once the database can say ({@link SendOutcomes}), never a
     * refusal for a message that was stored — a JIM client resends a refused one under a new id.
     * Every other send the database's absence broke is refused {@code unavailable} at once.
     */
    private void answerOnceKnown(ClientConnection connection, Packet packet, JimMessage message, String wireId) {
        outcomes.outcomeOf(connection.caller().userId(), wireId).whenComplete((stored, failure) -> {
            if (failure != null) {
                LOG.log(Level.WARNING, "Cmd_Msg " + wireId + " of " + connection + " is left unanswered", failure);
                return;
            }
            JsonObject reply = stored.map(receipt -> MsgCodec.response(message.id(), receipt.messageId()))
                    .orElseGet(() -> MsgCodec.refusal(message.id(), ErrorCode.UNAVAILABLE, ErrorCode.UNAVAILABLE.text()));
            connection.sendBinary(packets.response(packet, reply), null);
        });
    }

    /** {@code fr} and {@code ar} may be left out; if given they must be the signed-in user. */
    private static void requireSelf(Contact contact, Caller caller, String field) {
        if (contact != null && contact.id() != 0 && (contact.type() != Contact.USER || contact.id() != caller.userId())) {
            throw new ChorusException(ErrorCode.FORGED_SENDER, field + " must be the signed-in user");
        }
    }
}
