package io.chorus.web.dialect.b;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.identity.PublicIds;
import io.chorus.app.message.ConversationService;
import io.chorus.app.message.ConversationViews.MidLists;
import io.chorus.app.message.ConversationViews.RecentStored;
import io.chorus.app.message.ConversationViews.StoredView;
import io.chorus.app.message.MessageViews.Recipient;
import io.chorus.domain.message.ConversationKind;
import io.chorus.web.protocol.b.Contact;
import io.chorus.web.protocol.b.HistoryCodec;
import io.chorus.web.protocol.b.JimJson;
import io.chorus.web.protocol.b.JimMessage;
import io.chorus.web.protocol.b.MsgCodec;
import io.chorus.web.protocol.b.Packet;
import io.chorus.web.protocol.b.ServerPackets;
import io.chorus.web.socket.ClientConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The history commands (CMD 0x11–0x14): messages by MID range, a conversation's MIDs, message bodies
 * by MID, and the recent contacts, all read through {@link ConversationService} as dialect A's REST
 * history is. A caller reads only its own conversations.
 */
@ApplicationScoped
class HistoryCommands {

    @Inject
    ConversationService conversations;

    @Inject
    PublicIds ids;

    @Inject
    ServerPackets packets;

    /** {@code Cmd_GetMsg {u, c, min, max, sz}} → {@code {ms}}: the newest {@code sz} strictly between the bounds. */
    void getMsg(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        HistoryRequest request = historyRequest(caller, JimJson.readObject(packet.data()));
        List<StoredView> views = conversations.betweenMids(caller, request.type(), request.id(), request.min(), request.max(),
                request.size());
        List<JimMessage> ms = views.stream().map(view -> toJim(caller, view, true)).toList();
        connection.sendBinary(packets.response(packet, HistoryCodec.messages(ms)), null);
    }

    /** {@code Cmd_GetMsgHistory {u, c, min, max, sz}} → {@code {is, os, c}}; marks what it lists read. */
    void getMsgHistory(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        JsonObject data = JimJson.readObject(packet.data());
        HistoryRequest request = historyRequest(caller, data);
        MidLists lists = conversations.historyMids(caller, request.type(), request.id(), request.min(), request.max(),
                request.size());
        JsonObject reply = HistoryCodec.history(lists.incoming(), lists.outgoing(), request.contact());
        connection.sendBinary(packets.response(packet, reply), null);
    }

    /** {@code Cmd_GetMsgBodys {ids}} → {@code {ms}} of MessageBody {@code {ar, at, st, id, bd}}: the ones the caller may read. */
    void getMsgBodys(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        JsonObject data = JimJson.readObject(packet.data());
        List<Long> mids = HistoryCodec.readMids(data, ConversationService.MAX_PAGE);
        List<JimMessage> ms = conversations.byMids(caller, mids).stream().map(view -> toJim(caller, view, false)).toList();
        connection.sendBinary(packets.response(packet, HistoryCodec.messages(ms)), null);
    }

    /** {@code Cmd_GetRecentContact {uid, lmid, sz}} → {@code {cs: [{uc, lm}]}}, newest first. */
    void getRecentContact(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        JsonObject data = JimJson.readObject(packet.data());
        requireOwnUid(caller, JimJson.readLong(data, "uid", 0, Long.MAX_VALUE, 0), "uid");
        long lmid = JimJson.readLong(data, "lmid", 0, Long.MAX_VALUE, 0);
        int size = JimJson.readInt(data, "sz", 1, ConversationService.MAX_PAGE, ConversationService.DEFAULT_PAGE);
        List<HistoryCodec.Recent> cs = new ArrayList<>();
        for (RecentStored recent : conversations.recentAfter(caller, lmid, size)) {
            cs.add(new HistoryCodec.Recent(recent.unread(), toJim(caller, recent.last(), true)));
        }
        connection.sendBinary(packets.response(packet, HistoryCodec.recentContacts(cs)), null);
    }

    private record HistoryRequest(Contact contact, String type, String id, long min, long max, int size) {
    }

    /** Reads {@code {u, c, min, max, sz}}, checking each field as it comes (the first refusal is the answer). */
    private HistoryRequest historyRequest(Caller caller, JsonObject data) {
        requireOwnUid(caller, JimJson.readLong(data, "u", 0, Long.MAX_VALUE, 0), "u");
        Contact contact = JimJson.readContact(data.get("c"), "c");
        if (contact == null) {
            throw new ChorusException(ErrorCode.INVALID_FIELD, "c is required");
        }
        Recipient conversation = Recipients.of(ids, contact, "c");
        long min = JimJson.readLong(data, "min", 0, Long.MAX_VALUE, 0);
        long max = JimJson.readLong(data, "max", 0, Long.MAX_VALUE, 0);
        int size = JimJson.readInt(data, "sz", 1, ConversationService.MAX_PAGE, ConversationService.DEFAULT_PAGE);
        return new HistoryRequest(contact, conversation.type().code(), conversation.publicId(), min, max, size);
    }

    /** JIM requests name the user they are for; Chorus serves only the signed-in one (0: left out). */
    private static void requireOwnUid(Caller caller, long uid, String field) {
        if (uid != 0 && uid != caller.userId()) {
            throw new ChorusException(ErrorCode.FORBIDDEN, field + " must be the signed-in user");
        }
    }

    private static JimMessage toJim(Caller reader, StoredView view, boolean withAddress) {
        return MsgCodec.message(view.type() == ConversationKind.GROUP, view.fromUserId(), view.toId(), reader.userId(), view.serverTs(), view.mid(),
                view.payloadJson(), withAddress);
    }
}
