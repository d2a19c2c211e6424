package io.chorus.app.message;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.identity.PublicIds;
import io.chorus.app.json.Jsonp;
import io.chorus.app.message.MessageViews.EditReceipt;
import io.chorus.app.notice.NoticeService;
import io.chorus.domain.group.GroupMember;
import io.chorus.domain.group.GroupRepository;
import io.chorus.domain.message.Conversation;
import io.chorus.domain.message.ConversationKind;
import io.chorus.domain.message.ConversationRepository;
import io.chorus.domain.message.Message;
import io.chorus.domain.message.MessageRepository;
import io.chorus.domain.message.MessageRepository.EditedVersion;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The author edits a message's text (issue 25): within {@code chorus.message.edit-window-seconds}
 * of storing it, a text message that was not revoked. In one transaction the version it replaces
 * goes to the audit ({@code message_edit}, administrators only), the payload becomes the new one
 * with the new {@code text} (every other field kept: a reply stays a reply), {@code edited_at} is
 * set, and a stored {@code message_edited} notice goes to every device of every member but the
 * editing one, so a device offline now gets it from its backlog and a connected one whose event was
 * lost from the delivery sweep. Editing to the same text again changes nothing and tells nobody.
 */
@Stateless
public class MessageEdits {
    /** The stored notice's {@code msg_type}. */
    public static final String NOTICE_TYPE = "message_edited";

    @Inject
    MessageRepository messages;

    @Inject
    ConversationRepository conversations;

    @Inject
    GroupRepository groups;

    @Inject
    NoticeService notices;

    @Inject
    PublicIds ids;

    @Inject
    @ConfigProperty(name = "chorus.message.edit-window-seconds", defaultValue = "900")
    long editWindowSeconds;

    @Inject
    @ConfigProperty(name = "chorus.ws.max-payload-bytes")
    int maxPayloadBytes;

    /**
     * Edits the caller's message {@code wireId} of the conversation {@code type} ({@code C2C}: with
     * the user {@code to}; {@code C2G}: in the group {@code to}). Another user's message, or one of
     * another conversation, is {@code unknown_message}, as a missing one.
     */
    public EditReceipt edit(Caller author, String type, String wireId, String to, String text) {
        if (text == null || text.isEmpty()) {
            throw ChorusException.invalid("text must be a non-empty string");
        }
        Message message = messages.findBySender(author.userId(), wireId)
                .orElseThrow(() -> new ChorusException(ErrorCode.UNKNOWN_MESSAGE));
        boolean group = ConversationKind.GROUP.code().equalsIgnoreCase(type);
        if (!group && !ConversationKind.DIRECT.code().equalsIgnoreCase(type)) {
            throw new ChorusException(ErrorCode.UNKNOWN_MESSAGE);
        }
        Conversation conversation;
        long peerOrGroup;
        if (group) {
            peerOrGroup = ids.decodeGroupOr(to, () -> new ChorusException(ErrorCode.UNKNOWN_MESSAGE));
            conversation = conversations.findGroup(peerOrGroup).filter(c -> c.getId() == message.getConversationId())
                    .orElseThrow(() -> new ChorusException(ErrorCode.UNKNOWN_MESSAGE));
            GroupMember member = groups.member(peerOrGroup, author.userId())
                    .orElseThrow(() -> new ChorusException(ErrorCode.NOT_A_MEMBER));
            if (member.isMuted()) {
                throw new ChorusException(ErrorCode.MUTED);
            }
        } else {
            peerOrGroup = ids.decodeOr(to, () -> new ChorusException(ErrorCode.UNKNOWN_MESSAGE));
            conversation = conversations.findDirect(author.userId(), peerOrGroup).filter(c -> c.getId() == message.getConversationId())
                    .orElseThrow(() -> new ChorusException(ErrorCode.UNKNOWN_MESSAGE));
        }
        messages.lock(message);
        JsonObject payload = Jsonp.readObject(message.getPayload());
        if (message.isRevoked() || !"text".equals(payload.getString("msg_type", null))) {
            throw new ChorusException(ErrorCode.NOT_EDITABLE);
        }
        if (payload.get("text") instanceof JsonString current && current.getString().equals(text)) {
            // A retry of a done edit, or no change at all: the same answer, nobody told again.
            return new EditReceipt(message.getWireId(), message.getSeq(),
                    message.getEditedAt() == null ? message.getServerTs() : message.getEditedAt());
        }
        long now = Instant.now().toEpochMilli();
        if (editWindowSeconds <= 0 || now - message.getServerTs() > editWindowSeconds * 1000) {
            throw new ChorusException(ErrorCode.EDIT_TOO_LATE);
        }
        JsonObject edited = Jsonp.PROVIDER.createObjectBuilder(payload).add("text", text).build();
        String editedJson = edited.toString();
        if (editedJson.getBytes(StandardCharsets.UTF_8).length > maxPayloadBytes) {
            throw new ChorusException(ErrorCode.PAYLOAD_TOO_LARGE, "the edited payload is larger than " + maxPayloadBytes + " bytes");
        }
        messages.recordEdit(message.getId(), message.getPayload(), now, author.deviceId() == 0 ? null : author.deviceId());
        message.edit(editedJson, now);
        String canonicalTo = group ? ids.encodeGroup(peerOrGroup) : ids.encode(peerOrGroup);
        JsonObject notice = Jsonp.object()
                .add("msg_type", NOTICE_TYPE)
                .add("type", conversation.getKind().code())
                .add("id", message.getWireId())
                .add("from", author.uid())
                .add("to", canonicalTo)
                .add("seq", message.getSeq())
                .add("mid", message.getId())
                .add("payload", edited)
                .add("edited_at", now)
                .build();
        if (group) {
            notices.storeForGroup(peerOrGroup, canonicalTo, groups.memberIds(peerOrGroup), author.userId(), author.uid(),
                    author.deviceId(), notice);
        } else {
            notices.storeForOtherDevices(author.userId(), author.uid(), author.deviceId(), notice, now);
            notices.storeNumbered(peerOrGroup, canonicalTo, author.userId(), author.uid(), notice, now);
        }
        return new EditReceipt(message.getWireId(), message.getSeq(), now);
    }

    /** An earlier version of a message, for administrators. */
    public record VersionView(int version, JsonObject payload, long replaced_at) {
    }

    /** The audit of a message (administrators only): its current payload and every earlier version, the original first. */
    public record EditAudit(String id, String from, long seq, JsonObject payload, Long edited_at, List<VersionView> versions) {
    }

    /** What an administrator reads of message {@code wireId} of user {@code uid}. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public EditAudit audit(String uid, String wireId) {
        long userId = ids.decodeOr(uid, () -> new ChorusException(ErrorCode.NOT_FOUND));
        Message message = messages.findBySender(userId, wireId).orElseThrow(() -> new ChorusException(ErrorCode.NOT_FOUND));
        List<EditedVersion> versions = messages.edits(message.getId());
        return new EditAudit(message.getWireId(), uid, message.getSeq(), Jsonp.readObject(message.getPayload()), message.getEditedAt(),
                versions.stream().map(v -> new VersionView(v.version(), Jsonp.readObject(v.payload()), v.replacedAt())).toList());
    }
}
