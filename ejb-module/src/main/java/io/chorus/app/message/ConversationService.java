package io.chorus.app.message;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.identity.PublicIds;
import io.chorus.app.message.ConversationViews.HistoryPage;
import io.chorus.app.message.ConversationViews.MessageView;
import io.chorus.app.message.ConversationViews.RecentView;
import io.chorus.domain.account.AccountRepository;
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
    AccountRepository accounts;

    @Inject
    PublicIds ids;

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public HistoryPage directHistory(Caller caller, String peerUid, Long before, Long after, Integer limit) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw ChorusException.invalid("limit must be 1-" + MAX_PAGE);
        }
        if ((before != null && before < 1) || (after != null && after < 0)) {
            throw ChorusException.invalid("before must be at least 1 and after at least 0");
        }
        Conversation conversation = direct(caller, peerUid);
        List<Message> page = messages.page(conversation.getId(), after == null ? 0 : after,
                before == null ? Long.MAX_VALUE : before, size + 1);
        boolean more = page.size() > size;
        List<MessageView> views = new ArrayList<>(page.subList(0, Math.min(size, page.size())).stream()
                .map(m -> view(m, conversation)).toList());
        Collections.reverse(views);
        return new HistoryPage(views, more);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<RecentView> recent(Caller caller) {
        return messages.recent(caller.userId(), RECENT_LIMIT).stream().map(r -> new RecentView(Conversation.DIRECT,
                ids.encode(r.peerId()), new MessageView(r.lastWireId(), Conversation.DIRECT, ids.encode(r.lastSenderId()),
                        ids.encode(r.lastSenderId() == r.peerId() ? caller.userId() : r.peerId()), json(r.lastPayload()),
                        r.lastCreatedAt(), r.lastServerTs(), r.lastSeq()), r.unread())).toList();
    }

    public void markDirectRead(Caller caller, String peerUid, Long seq) {
        Conversation conversation = direct(caller, peerUid);
        if (seq == null || seq < 0 || seq > conversation.getLastSeq()) {
            throw ChorusException.invalid("seq must be between 0 and " + conversation.getLastSeq());
        }
        messages.markRead(caller.userId(), conversation.getId(), seq);
    }

    private Conversation direct(Caller caller, String peerUid) {
        long peer;
        try {
            peer = ids.decode(peerUid);
        } catch (ChorusException unknown) {
            throw new ChorusException(ErrorCode.NOT_FOUND);
        }
        return messages.findDirect(caller.userId(), peer).orElseThrow(() -> new ChorusException(ErrorCode.NOT_FOUND));
    }

    private MessageView view(Message m, Conversation conversation) {
        return new MessageView(m.getWireId(), Conversation.DIRECT, ids.encode(m.getSenderId()),
                ids.encode(conversation.peerOf(m.getSenderId())), json(m.getPayload()), m.getCreatedAt(),
                m.getServerTs(), m.getSeq());
    }

    private static JsonObject json(String payload) {
        try (var reader = Json.createReader(new StringReader(payload))) {
            return reader.readObject();
        }
    }
}
