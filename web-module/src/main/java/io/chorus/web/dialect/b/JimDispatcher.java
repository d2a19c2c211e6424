package io.chorus.web.dialect.b;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.DatabaseReach;
import io.chorus.app.error.ErrorCode;
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
 * ({@link AuthCommands}), messaging ({@link MsgCommands}), history ({@link HistoryCommands}), roster
 * ({@link RosterCommands}), groups ({@link GroupCommands}), user info ({@link UserCommands}), push
 * ({@link PushCommands}). A family
 * serves its commands through the same services as dialect A; a new family (push) is a class beside
 * them and a line per command here. A request Chorus cannot serve gets
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
    RosterCommands roster;

    @Inject
    GroupCommands groups;

    @Inject
    UserCommands users;

    @Inject
    PushCommands push;

    @Inject
    ServerPackets packets;

    @Inject
    DatabaseReach reach;

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
            reach.check();
            switch (command) {
                case MSG -> messaging.send(connection, packet);
                case GET_MSG -> history.getMsg(connection, packet);
                case GET_MSG_HISTORY -> history.getMsgHistory(connection, packet);
                case GET_MSG_BODYS -> history.getMsgBodys(connection, packet);
                case GET_RECENT_CONTACT -> history.getRecentContact(connection, packet);
                case GET_USER_INFOS -> users.getUserInfos(connection, packet);
                case CREATE_GROUP -> groups.createGroup(connection, packet);
                case REMOVE_GROUP -> groups.removeGroup(connection, packet);
                case SET_GROUP -> groups.setGroup(connection, packet);
                case GET_GROUPS -> groups.getGroups(connection, packet);
                case GET_GIDS -> groups.getGids(connection, packet);
                case ADD_GROUP_MEMBERS -> groups.addGroupMembers(connection, packet);
                case REMOVE_GROUP_MEMBERS -> groups.removeGroupMembers(connection, packet);
                case SET_GROUP_MEMBER -> groups.setGroupMember(connection, packet);
                case GET_GROUPS_MEMBERS -> groups.getGroupsMembers(connection, packet);
                case GET_GROUP_CHANGED -> groups.getGroupChanged(connection, packet);
                case GET_ALL_ROSTER -> roster.getAllRoster(connection, packet);
                case GET_ROSTERS -> roster.getRosters(connection, packet);
                case SET_ROSTER -> roster.setRoster(connection, packet);
                case REMOVE_ROSTER -> roster.removeRoster(connection, packet);
                case GET_ROSTER_CHANGED -> roster.getRosterChanged(connection, packet);
                case ROSTER_REQUEST -> roster.rosterRequest(connection, packet);
                case GET_ROSTER_REQUESTS -> roster.getRosterRequests(connection, packet);
                case HANDLE_ROSTER_REQUEST -> roster.handleRosterRequest(connection, packet);
                case SET_IGNORE_ROSTER_REQUEST -> roster.setIgnoreRosterRequest(connection, packet);
                case SET_MSG_PUSH -> push.setMsgPush(connection, packet);
                case GET_MSG_PUSH -> push.getMsgPush(connection, packet);
                case SET_IOS_DEVICE_STATUS, SET_ANDROID_DEVICE_STATUS -> push.setDeviceStatus(connection, packet);
                case SIGN_OUT -> auth.signOut(connection);
                case AUTH -> throw new ChorusException(ErrorCode.FORBIDDEN, "Already signed in.");
                // The server's own Requests: a client sends none of them.
                case CONFLICT_NOTIFICATION, GROUP_CHANGED_NOTIFICATION, ROSTER_CHANGED_NOTIFICATION,
                     HANDLE_ROSTER_REQUEST_NOTIFICATION -> throw new ChorusException(ErrorCode.UNKNOWN_COMMAND,
                        "A notification the server sends; clients do not.");
                default -> throw new ChorusException(ErrorCode.UNKNOWN_COMMAND);
            }
        } catch (BodyException invalid) {
            connection.sendBinary(packets.error(packet, ErrorCode.INVALID_FIELD, invalid.getMessage()), null);
        } catch (ChorusException refused) {
            connection.sendBinary(packets.error(packet, refused.code(), refused.getMessage()), null);
        } catch (RuntimeException failure) {
            // One packet's failure must not take the session down with it (SPEC §10).
            ErrorCode code = reach.codeOf(failure);
            LOG.log(code == ErrorCode.INTERNAL ? Level.WARNING : Level.FINE,
                    "Connection " + connection.id() + " failed to handle " + packet, failure);
            connection.sendBinary(packets.error(packet, code, null), null);
        }
    }
}
