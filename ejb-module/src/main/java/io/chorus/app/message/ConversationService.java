package io.chorus.app.message;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.identity.PublicIds;
import io.chorus.app.message.ConversationViews.HistoryPage;
import io.chorus.app.message.ConversationViews.MessageView;
import io.chorus.app.message.ConversationViews.RecentView;
import io.chorus.domain.group.GroupMember;
import io.chorus.domain.group.GroupRepository;
import io.chorus.domain.message.Conversation;
import io.chorus.domain.message.Message;
import io.chorus.domain.message.MessageRepository;
import io.chorus.domain.message.MessageRepository.RecentConversation;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reading conversations: history by seq cursor, the recent list with unread counts, and read
 * cursors. Only a conversation's members get anything; a non-member sees the same "not found" as
 * for a conversation that does not exist.
 */
@Stateless
public class ConversationService {
    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 200;
    private static final int RECENT_LIMIT = 200;

    @Inject
    MessageRepository messages;

    @Inject
    GroupRepository groups;

    @Inject
    PublicIds ids;

    /**
     * A page of a conversation's history, {@code type} {@code C2C} (id: the peer) or {@code C2G}
     * (id: the group). A group member reads what was sent since it joined.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public HistoryPage history(Caller caller, String type, String id, Long before, Long after, Integer limit) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw ChorusException.invalid("limit must be 1-" + MAX_PAGE);
        }
        if ((before != null && before < 1) || (after != null && after < 0)) {
            throw ChorusException.invalid("before must be at least 1 and after at least 0");
        }
        Readable readable = readable(caller, type, id);
        if (readable.conversation() == null) {
            return new HistoryPage(List.of(), false);
        }
        long from = Math.max(after == null ? 0 : after, readable.fromSeq());
        List<Message> page = messages.page(readable.conversation().getId(), from, before == null ? Long.MAX_VALUE : before, size + 1);
        boolean more = page.size() > size;
        List<MessageView> views = new ArrayList<>(page.subList(0, Math.min(size, page.size())).stream()
                .map(m -> view(m, readable.conversation(), id)).toList());
        Collections.reverse(views);
        return new HistoryPage(views, more);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<RecentView> recent(Caller caller) {
        return messages.recent(caller.userId(), RECENT_LIMIT).stream().map(r -> {
            String peer = Conversation.GROUP.equals(r.kind()) ? ids.encodeGroup(r.peerId()) : ids.encode(r.peerId());
            String to = Conversation.GROUP.equals(r.kind()) || r.lastSenderId() != r.peerId() ? peer : caller.uid();
            return new RecentView(r.kind(), peer, new MessageView(r.lastWireId(), r.kind(), ids.encode(r.lastSenderId()), to,
                    json(r.lastPayload()), r.lastCreatedAt(), r.lastServerTs(), r.lastSeq()), r.unread());
        }).toList();
    }

    public void markRead(Caller caller, String type, String id, Long seq) {
        Readable readable = readable(caller, type, id);
        long last = readable.conversation() == null ? 0 : readable.conversation().getLastSeq();
        if (seq == null || seq < 0 || seq > last) {
            throw ChorusException.invalid("seq must be between 0 and " + last);
        }
        if (readable.conversation() != null) {
            messages.markRead(caller.userId(), readable.conversation().getId(), seq);
        }
    }

    /** The conversation the caller may read, from which seq on; a group without messages has none yet. */
    private record Readable(Conversation conversation, long fromSeq) {
    }

    private Readable readable(Caller caller, String type, String id) {
        if (Conversation.DIRECT.equalsIgnoreCase(type)) {
            long target = ids.decodeOr(id, () -> new ChorusException(ErrorCode.NOT_FOUND));
            return new Readable(messages.findDirect(caller.userId(), target)
                    .orElseThrow(() -> new ChorusException(ErrorCode.NOT_FOUND)), 0);
        }
        if (Conversation.GROUP.equalsIgnoreCase(type)) {
            long target = ids.decodeGroupOr(id, () -> new ChorusException(ErrorCode.NOT_FOUND));
            GroupMember member = groups.find(target).flatMap(g -> groups.member(target, caller.userId()))
                    .orElseThrow(() -> new ChorusException(ErrorCode.NOT_FOUND));
            return new Readable(messages.findGroup(target).orElse(null), member.getJoinedSeq());
        }
        throw new ChorusException(ErrorCode.NOT_FOUND);
    }

    private MessageView view(Message m, Conversation conversation, String gid) {
        String to = Conversation.GROUP.equals(conversation.getKind()) ? gid : ids.encode(conversation.peerOf(m.getSenderId()));
        return new MessageView(m.getWireId(), conversation.getKind(), ids.encode(m.getSenderId()), to, json(m.getPayload()),
                m.getCreatedAt(), m.getServerTs(), m.getSeq());
    }

    private static JsonObject json(String payload) {
        try (var reader = Json.createReader(new StringReader(payload))) {
            return reader.readObject();
        }
    }
}
