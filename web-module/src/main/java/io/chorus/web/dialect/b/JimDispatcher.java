package io.chorus.web.dialect.b;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.error.Failures;
import io.chorus.web.protocol.b.BodyException;
import io.chorus.web.protocol.b.Command;
import io.chorus.web.protocol.b.Packet;
import io.chorus.web.protocol.b.PacketType;
import io.chorus.web.protocol.b.ServerPackets;
import io.chorus.web.socket.ClientConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes the JIM commands of a {@code /jim} connection (SPEC §6) to their family: session
 * ({@link AuthCommands}), messaging ({@link MsgCommands}), history ({@link HistoryCommands}). A family
 * serves its commands through the same services as dialect A; a new family (roster, groups, user
 * info, push) is a class beside them and a line per command here. A request Chorus cannot serve gets
 * an Error packet with a reason from the error catalogue, and the session stays up.
 */
@ApplicationScoped
class JimDispatcher {
    private static final Logger LOG = Logger.getLogger(JimDispatcher.class.getName());

    @Inject
    AuthCommands auth;

    @Inject
    MsgCommands messaging;

    @Inject
    HistoryCommands history;

    @Inject
    ServerPackets packets;

    /** The first packet of a socket, a {@code Cmd_Auth}. */
    AuthCommands.AuthOutcome authenticate(Packet request, String address) {
        return auth.authenticate(request, address);
    }

    /** One packet of an authenticated session. */
    void dispatch(ClientConnection connection, Packet packet) {
        try {
            if (packet.type() != PacketType.REQUEST) {
                throw new ChorusException(ErrorCode.MALFORMED, "Only Request packets are served.");
            }
            Command command = packet.command().orElseThrow(() -> new ChorusException(ErrorCode.UNKNOWN_COMMAND));
            switch (command) {
                case MSG -> messaging.send(connection, packet);
                case GET_MSG -> history.getMsg(connection, packet);
                case GET_MSG_HISTORY -> history.getMsgHistory(connection, packet);
                case GET_MSG_BODYS -> history.getMsgBodys(connection, packet);
                case GET_RECENT_CONTACT -> history.getRecentContact(connection, packet);
                case SIGN_OUT -> auth.signOut(connection);
                case AUTH -> throw new ChorusException(ErrorCode.FORBIDDEN, "Already signed in.");
                default -> throw new ChorusException(ErrorCode.UNKNOWN_COMMAND);
            }
        } catch (BodyException invalid) {
            connection.sendBinary(packets.error(packet, ErrorCode.INVALID_FIELD, invalid.getMessage()), null);
        } catch (ChorusException refused) {
            connection.sendBinary(packets.error(packet, refused.code(), refused.getMessage()), null);
        } catch (RuntimeException failure) {
            // One packet's failure must not take the session down with it (SPEC §10).
            ErrorCode code = Failures.codeOf(failure);
            LOG.log(code == ErrorCode.INTERNAL ? Level.WARNING : Level.FINE,
                    "Connection " + connection.id() + " failed to handle " + packet, failure);
            connection.sendBinary(packets.error(packet, code, null), null);
        }
    }
}
