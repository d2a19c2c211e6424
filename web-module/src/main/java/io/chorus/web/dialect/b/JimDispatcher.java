package io.chorus.web.dialect.b;

import io.chorus.app.account.AccountService;
import io.chorus.app.account.AccountViews.LoginCommand;
import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.identity.PublicIds;
import io.chorus.app.json.Jsonp;
import io.chorus.app.message.ConversationService;
import io.chorus.app.message.ConversationViews.MidLists;
import io.chorus.app.message.ConversationViews.RecentStored;
import io.chorus.app.message.ConversationViews.StoredView;
import io.chorus.app.message.MessageService;
import io.chorus.app.message.MessageViews.Recipient;
import io.chorus.app.message.MessageViews.SendReceipt;
import io.chorus.domain.message.Conversation;
import io.chorus.web.protocol.b.BodyException;
import io.chorus.web.protocol.b.Command;
import io.chorus.web.protocol.b.Contact;
import io.chorus.web.protocol.b.ContentMapping;
import io.chorus.web.protocol.b.JimJson;
import io.chorus.web.protocol.b.JimMessage;
import io.chorus.web.protocol.b.Packet;
import io.chorus.web.protocol.b.PacketType;
import io.chorus.web.socket.ClientConnection;
import io.chorus.web.socket.CloseCodes;
import io.chorus.web.socket.Dialect;
import io.chorus.web.socket.limit.ConnectionLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Serves the JIM commands of an authenticated {@code /jim} connection (SPEC §6), each through the same
 * services as dialect A: {@code Cmd_Msg} stores through {@link MessageService}, the history commands
 * read through {@link ConversationService}. A request Chorus cannot serve gets an Error packet with a
 * reason from the error catalogue, and the session stays up.
 */
@ApplicationScoped
public class JimDispatcher {
    private static final Logger LOG = Logger.getLogger(JimDispatcher.class.getName());

    /** The Go server's AuthCode values (REFERENCE §2.3). */
    static final int AUTH_OK = 0;
    static final int AUTH_INVALID_REQUEST = 1;
    static final int AUTH_PASSWORD_INCORRECT = 3;
    static final int AUTH_USER_NOT_VERIFIED = 4;
    static final int AUTH_DATABASE_ERROR = 5;

    @Inject
    AccountService accounts;

    @Inject
    MessageService messages;

    @Inject
    ConversationService conversations;

    @Inject
    PublicIds ids;

    @Inject
    JimFrames frames;

    @Inject
    JimDialect dialect;

    @Inject
    ConnectionLimits limits;

    @Inject
    @ConfigProperty(name = "chorus.ws.max-payload-bytes")
    int maxPayloadBytes;

    private final Clock clock = Clock.systemUTC();

    /** The outcome of a {@code Cmd_Auth}: the Response to write, and who signed in (null: nobody). */
    record AuthOutcome(byte[] reply, Caller caller, Dialect dialect) {
    }

    /**
     * {@code Cmd_Auth}: {@code {u, p}} (base64 account and password) or Chorus's {@code {tk}} (an access
     * token), with the terminal type {@code tt}; the Response is {@code {c, ss, usr}}. An unknown
     * account answers as a wrong password does, as the REST login does, so accounts cannot be probed.
     */
    AuthOutcome authenticate(Packet request, String address) {
        Caller caller;
        try {
            JsonObject data = JimJson.readObject(request.data());
            if (data.containsKey("tk")) {
                // The token names the device already; tt is only for the password login.
                caller = accounts.authenticate(string(data, "tk", 4096));
            } else {
                Terminal terminal = Terminal.of(JimJson.readInt(data, "tt", 0, 255, 0));
                caller = accounts.loginOnSocket(new LoginCommand(base64(data, "u"), base64(data, "p"), terminal.did(),
                        terminal.cos(), optional(data, "ts", 64), optional(data, "tv", 32)), address);
            }
            // The device is known only now: its connection attempts count here, not before the upgrade.
            if (!limits.admitDevice(caller.deviceId())) {
                return refused(request, AUTH_INVALID_REQUEST, ErrorCode.RATE_LIMITED.reason());
            }
        } catch (BodyException invalid) {
            return refused(request, AUTH_INVALID_REQUEST, ErrorCode.INVALID_FIELD.reason());
        } catch (ChorusException refused) {
            int code = switch (refused.code()) {
                case ACCOUNT_DISABLED -> AUTH_USER_NOT_VERIFIED;
                case INVALID_FIELD, MALFORMED, TOO_MANY_ATTEMPTS -> AUTH_INVALID_REQUEST;
                default -> AUTH_PASSWORD_INCORRECT;
            };
            return refused(request, code, refused.code().reason());
        } catch (RuntimeException unavailable) {
            LOG.log(Level.WARNING, "Cmd_Auth could not be served", unavailable);
            return refused(request, AUTH_DATABASE_ERROR, ErrorCode.INTERNAL.reason());
        }
        JsonObject user = Jsonp.object().add("uid", caller.userId()).build();
        JsonObject ok = Jsonp.object().add("c", AUTH_OK).add("ss", clock.millis()).add("usr", user).build();
        return new AuthOutcome(frames.response(request, ok), caller, dialect);
    }

    private AuthOutcome refused(Packet request, int code, String reason) {
        JsonObject data = Jsonp.object().add("c", code).add("ss", clock.millis()).add("reason", reason).build();
        return new AuthOutcome(frames.response(request, data), null, null);
    }

    /** One packet of an authenticated session. */
    void dispatch(ClientConnection connection, Packet packet) {
        try {
            if (packet.type() != PacketType.REQUEST) {
                throw new ChorusException(ErrorCode.MALFORMED, "Only Request packets are served.");
            }
            Command command = packet.command().orElseThrow(() -> new ChorusException(ErrorCode.UNKNOWN_COMMAND));
            switch (command) {
                case MSG -> send(connection, packet);
                case GET_MSG -> getMsg(connection, packet);
                case GET_MSG_HISTORY -> getMsgHistory(connection, packet);
                case GET_MSG_BODYS -> getMsgBodys(connection, packet);
                case GET_RECENT_CONTACT -> getRecentContact(connection, packet);
                case SIGN_OUT -> signOut(connection);
                case AUTH -> throw new ChorusException(ErrorCode.FORBIDDEN, "Already signed in.");
                default -> throw new ChorusException(ErrorCode.UNKNOWN_COMMAND);
            }
        } catch (BodyException invalid) {
            connection.sendBinary(frames.error(packet, ErrorCode.INVALID_FIELD, invalid.getMessage()), null);
        } catch (ChorusException refused) {
            connection.sendBinary(frames.error(packet, refused.code(), refused.getMessage()), null);
        } catch (RuntimeException bug) {
            // One packet's failure must not take the session down with it (SPEC §10).
            LOG.log(Level.WARNING, "Connection " + connection.id() + " failed to handle " + packet, bug);
            connection.sendBinary(frames.error(packet, ErrorCode.INTERNAL, null), null);
        }
    }

    /**
     * {@code Cmd_Msg}: stored for {@code to} and every {@code cc} in one transaction, then the Response
     * {@code {oid, mid}}; {@code mid} is the copy for {@code to}. A refusal is the Go server's
     * {@code mid: 0}, with the reason added.
     */
    private void send(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        JimMessage message = JimJson.readMessage(JimJson.readObject(packet.data()));
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
            recipients.add(recipient(message.to(), "to"));
            for (Contact cc : message.cc()) {
                recipients.add(recipient(cc, "cc"));
            }
            String payload = ContentMapping.toDialectA(message.items()).toString();
            if (payload.getBytes(StandardCharsets.UTF_8).length > maxPayloadBytes) {
                throw new ChorusException(ErrorCode.PAYLOAD_TOO_LARGE);
            }
            long createdAt = message.stamp() > 0 ? message.stamp() : clock.millis();
            List<SendReceipt> receipts = messages.sendToAll(caller, recipients, payload, createdAt);
            reply = Jsonp.object().add("oid", message.id()).add("mid", receipts.get(0).messageId()).build();
        } catch (BodyException invalid) {
            reply = refusedSend(message.id(), ErrorCode.INVALID_FIELD, invalid.getMessage());
        } catch (ChorusException refused) {
            reply = refusedSend(message.id(), refused.code(), refused.getMessage());
        }
        connection.sendBinary(frames.response(packet, reply), null);
    }

    private static JsonObject refusedSend(long oid, ErrorCode code, String content) {
        return Jsonp.object().add("oid", oid).add("mid", 0).add("reason", code.reason())
                .add("content", content).build();
    }

    /** {@code fr} and {@code ar} may be left out; if given they must be the signed-in user. */
    private static void requireSelf(Contact contact, Caller caller, String field) {
        if (contact != null && contact.id() != 0 && (contact.type() != Contact.USER || contact.id() != caller.userId())) {
            throw new ChorusException(ErrorCode.FORGED_SENDER, field + " must be the signed-in user");
        }
    }

    private Recipient recipient(Contact contact, String field) {
        return switch (contact.type()) {
            case Contact.USER -> new Recipient(Conversation.DIRECT, ids.encode(contact.id()));
            case Contact.GROUP -> new Recipient(Conversation.GROUP, ids.encodeGroup(contact.id()));
            default -> throw ChorusException.invalid(field + ".t must be 1 (user) or 2 (group)");
        };
    }

    /** {@code Cmd_GetMsg {u, c, min, max, sz}} → {@code {ms}}: the newest {@code sz} strictly between the bounds. */
    private void getMsg(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        HistoryRequest request = historyRequest(caller, JimJson.readObject(packet.data()));
        List<StoredView> views = conversations.betweenMids(caller, request.type(), request.id(), request.min(), request.max(),
                request.size());
        JsonArrayBuilder ms = Jsonp.array();
        views.forEach(view -> ms.add(JimJson.writeMessage(toJim(caller, view, true))));
        connection.sendBinary(frames.response(packet, Jsonp.object().add("ms", ms).build()), null);
    }

    /** {@code Cmd_GetMsgHistory {u, c, min, max, sz}} → {@code {is, os, c}}; marks what it lists read. */
    private void getMsgHistory(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        JsonObject data = JimJson.readObject(packet.data());
        HistoryRequest request = historyRequest(caller, data);
        MidLists lists = conversations.historyMids(caller, request.type(), request.id(), request.min(), request.max(),
                request.size());
        JsonObject reply = Jsonp.object().add("is", longs(lists.incoming())).add("os", longs(lists.outgoing()))
                .add("c", JimJson.writeContact(request.contact())).build();
        connection.sendBinary(frames.response(packet, reply), null);
    }

    /** {@code Cmd_GetMsgBodys {ids}} → {@code {ms}} of MessageBody {@code {ar, at, st, id, bd}}: the ones the caller may read. */
    private void getMsgBodys(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        JsonObject data = JimJson.readObject(packet.data());
        JsonValue idsValue = data.get("ids");
        if (!(idsValue instanceof JsonArray array)) {
            throw new ChorusException(ErrorCode.INVALID_FIELD, "ids must be an array of MIDs");
        }
        if (array.size() > ConversationService.MAX_PAGE) {
            throw new ChorusException(ErrorCode.INVALID_FIELD, "at most " + ConversationService.MAX_PAGE + " ids at once");
        }
        List<Long> mids = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonObject holder = Jsonp.object().add("id", array.get(i)).build();
            mids.add(JimJson.readLong(holder, "id", 1, Long.MAX_VALUE, 0));
        }
        JsonArrayBuilder ms = Jsonp.array();
        conversations.byMids(caller, mids).forEach(view -> ms.add(JimJson.writeMessage(toJim(caller, view, false))));
        connection.sendBinary(frames.response(packet, Jsonp.object().add("ms", ms).build()), null);
    }

    /** {@code Cmd_GetRecentContact {uid, lmid, sz}} → {@code {cs: [{uc, lm}]}}, newest first. */
    private void getRecentContact(ClientConnection connection, Packet packet) {
        Caller caller = connection.caller();
        JsonObject data = JimJson.readObject(packet.data());
        requireOwnUid(caller, JimJson.readLong(data, "uid", 0, Long.MAX_VALUE, 0), "uid");
        long lmid = JimJson.readLong(data, "lmid", 0, Long.MAX_VALUE, 0);
        int size = JimJson.readInt(data, "sz", 1, ConversationService.MAX_PAGE, ConversationService.DEFAULT_PAGE);
        JsonArrayBuilder cs = Jsonp.array();
        for (RecentStored recent : conversations.recentAfter(caller, lmid, size)) {
            cs.add(Jsonp.object().add("uc", recent.unread())
                    .add("lm", JimJson.writeMessage(toJim(caller, recent.last(), true))));
        }
        connection.sendBinary(frames.response(packet, Jsonp.object().add("cs", cs).build()), null);
    }

    /** {@code Cmd_SignOut}: no reply; the device is signed out (its tokens revoked) and the socket closed. */
    private void signOut(ClientConnection connection) {
        // Closed first: the sign-out's own DeviceSignedOut event would otherwise race it with 4006.
        connection.close(CloseCodes.SIGNED_OUT, "signed out");
        accounts.logout(connection.caller());
    }

    private record HistoryRequest(Contact contact, String type, String id, long min, long max, int size) {
    }

    private HistoryRequest historyRequest(Caller caller, JsonObject data) {
        requireOwnUid(caller, JimJson.readLong(data, "u", 0, Long.MAX_VALUE, 0), "u");
        Contact contact = JimJson.readContact(data.get("c"), "c");
        if (contact == null) {
            throw new ChorusException(ErrorCode.INVALID_FIELD, "c is required");
        }
        Recipient conversation = recipient(contact, "c");
        long min = JimJson.readLong(data, "min", 0, Long.MAX_VALUE, 0);
        long max = JimJson.readLong(data, "max", 0, Long.MAX_VALUE, 0);
        int size = JimJson.readInt(data, "sz", 1, ConversationService.MAX_PAGE, ConversationService.DEFAULT_PAGE);
        return new HistoryRequest(contact, conversation.type(), conversation.publicId(), min, max, size);
    }

    /** JIM requests name the user they are for; Chorus serves only the signed-in one (0: left out). */
    private static void requireOwnUid(Caller caller, long uid, String field) {
        if (uid != 0 && uid != caller.userId()) {
            throw new ChorusException(ErrorCode.FORBIDDEN, field + " must be the signed-in user");
        }
    }

    private static JimMessage toJim(Caller reader, StoredView view, boolean withAddress) {
        return JimDialect.message(view.type(), view.fromUserId(), view.toId(), reader.userId(), view.serverTs(), view.mid(),
                view.payloadJson(), withAddress);
    }

    private static JsonArray longs(List<Long> values) {
        JsonArrayBuilder array = Jsonp.array();
        values.forEach(array::add);
        return array.build();
    }

    private static String base64(JsonObject data, String field) {
        try {
            return new String(Base64.getDecoder().decode(string(data, field, 1024)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw new BodyException(field, "must be base64");
        }
    }

    private static String string(JsonObject data, String field, int maxLength) {
        JsonValue value = data.get(field);
        if (!(value instanceof JsonString text) || text.getString().isEmpty() || text.getString().length() > maxLength) {
            throw new BodyException(field, "must be a string of 1-" + maxLength + " characters");
        }
        return text.getString();
    }

    private static String optional(JsonObject data, String field, int maxLength) {
        return data.containsKey(field) ? string(data, field, maxLength) : null;
    }

    /**
     * JIM's terminal types (REFERENCE §2.4). A JIM login is a device per terminal type, as the Go
     * server kept one connection per (user, terminal type); the name doubles as the device's client
     * OS for the {@code ONE_PER_TERMINAL_TYPE} policy.
     */
    enum Terminal {
        PC(1, "pc"), IPHONE(2, "iphone"), ANDROID(3, "android"), IPAD(4, "ipad"), ANDROID_PAD(5, "android-pad"), WEB(6, "web");

        private final int id;
        private final String cos;

        Terminal(int id, String cos) {
            this.id = id;
            this.cos = cos;
        }

        static Terminal of(int tt) {
            for (Terminal terminal : values()) {
                if (terminal.id == tt) {
                    return terminal;
                }
            }
            throw new BodyException("tt", "must be a terminal type 1-6");
        }

        String did() {
            return "jim-" + cos;
        }

        String cos() {
            return cos;
        }
    }
}
