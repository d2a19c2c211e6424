package io.chorus.app.message;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.identity.PublicIds;
import io.chorus.app.json.Jsonp;
import io.chorus.app.message.ConversationViews.HistoryPage;
import io.chorus.app.message.ConversationViews.MessageView;
import io.chorus.app.message.ConversationViews.MidLists;
import io.chorus.app.message.ConversationViews.ReadCountView;
import io.chorus.app.message.ConversationViews.RecentStored;
import io.chorus.app.message.ConversationViews.RecentView;
import io.chorus.app.message.ConversationViews.SearchHit;
import io.chorus.app.message.ConversationViews.SearchPage;
import io.chorus.app.message.ConversationViews.StoredView;
import io.chorus.domain.group.GroupMember;
import io.chorus.domain.group.GroupRepository;
import io.chorus.domain.message.Conversation;
import io.chorus.domain.message.ConversationKind;
import io.chorus.domain.message.ConversationRepository;
import io.chorus.domain.message.Message;
import io.chorus.domain.message.MessageRepository;
import io.chorus.domain.message.MessageSearchRepository;
import io.chorus.domain.message.MessageSearchRepository.Hit;
import io.chorus.domain.message.ReadCursorRepository;
import io.chorus.domain.message.ReadCursorRepository.ReadCount;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

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
    public static final int SEARCH_PAGE = 20;
    public static final int MAX_SEARCH_PAGE = 100;

    @Inject
    ConversationRepository conversations;

    @Inject
    MessageRepository messages;

    @Inject
    ReadCursorRepository readCursors;

    @Inject
    GroupRepository groups;

    @Inject
    ReadReceipts readReceipts;

    @Inject
    PublicIds ids;

    @Inject
    MessageSearchRepository search;

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
        return conversations.recent(caller.userId(), RECENT_LIMIT).stream().map(r -> {
            String peer = r.kind() == ConversationKind.GROUP ? ids.encodeGroup(r.peerId()) : ids.encode(r.peerId());
            String to = r.kind() == ConversationKind.GROUP || r.lastSenderId() != r.peerId() ? peer : caller.uid();
            return new RecentView(r.kind().code(), peer, new MessageView(r.lastWireId(), r.kind().code(), ids.encode(r.lastSenderId()), to,
                    Jsonp.readObject(r.lastPayload()), r.lastCreatedAt(), r.lastServerTs(), r.lastSeq(), null), r.unread(), r.mentioned());
        }).toList();
    }

    /**
     * Full-text search of the messages the caller may read (its one-to-one conversations, its
     * groups from its join on; never revoked ones), newest first: every whitespace-separated term
     * of {@code q} must be in the text ({@link MessageSearchRepository}). {@code before} is the
     * {@code next} cursor of the page before.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public SearchPage search(Caller caller, String q, String before, Integer limit) {
        int size = limit == null ? SEARCH_PAGE : limit;
        if (size < 1 || size > MAX_SEARCH_PAGE) {
            throw ChorusException.invalid("limit must be 1-" + MAX_SEARCH_PAGE);
        }
        List<String> terms = SearchTerms.of(q);
        long beforeTs = Long.MAX_VALUE;
        long beforeId = Long.MAX_VALUE;
        if (before != null) {
            long[] cursor = SearchTerms.cursor(before);
            beforeTs = cursor[0];
            beforeId = cursor[1];
        }
        List<Hit> hits = search.search(caller.userId(), terms, beforeTs, beforeId, size + 1);
        List<SearchHit> results = new ArrayList<>();
        for (Hit hit : hits.subList(0, Math.min(size, hits.size()))) {
            String type = hit.kind().code();
            String id;
            String to;
            if (hit.kind() == ConversationKind.GROUP) {
                id = ids.encodeGroup(hit.groupId());
                to = id;
            } else {
                long peer = hit.userLo() == caller.userId() ? hit.userHi() : hit.userLo();
                id = ids.encode(peer);
                to = ids.encode(hit.senderId() == hit.userLo() ? hit.userHi() : hit.userLo());
            }
            results.add(new SearchHit(type, id, new MessageView(hit.wireId(), type, ids.encode(hit.senderId()), to,
                    Jsonp.readObject(hit.payload()), hit.createdAt(), hit.serverTs(), hit.seq(), hit.editedAt())));
        }
        String next = hits.size() > size ? SearchTerms.cursor(hits.get(size - 1).serverTs(), hits.get(size - 1).messageId()) : null;
        return new SearchPage(results, next);
    }

    public void markRead(Caller caller, String type, String id, Long seq) {
        Readable readable = readable(caller, type, id);
        long last = readable.conversation() == null ? 0 : readable.conversation().getLastSeq();
        if (seq == null || seq < 0 || seq > last) {
            throw ChorusException.invalid("seq must be between 0 and " + last);
        }
        if (readable.conversation() != null) {
            readReceipts.read(caller, readable.conversation(), id, seq, readable.fromSeq());
        }
    }

    /**
     * Read counts on request (no push per member per message): for each of {@code seqs} (1 to
     * {@value #MAX_PAGE} of them, each a message the caller can read), how many members could read
     * it (joined before it, not its author) and how many of them have read up to it and share their
     * reads. In a one-to-one conversation the only possible reader of a message is its author's peer.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<ReadCountView> readCounts(Caller caller, String type, String id, List<Long> seqs) {
        Readable readable = readable(caller, type, id);
        long last = readable.conversation() == null ? 0 : readable.conversation().getLastSeq();
        if (seqs.isEmpty() || seqs.size() > MAX_PAGE) {
            throw ChorusException.invalid("seqs must name 1-" + MAX_PAGE + " messages");
        }
        List<Long> asked = seqs.stream().distinct().sorted().toList();
        if (asked.get(0) <= readable.fromSeq() || asked.get(asked.size() - 1) > last) {
            throw ChorusException.invalid("seqs must be messages you can read, " + (readable.fromSeq() + 1) + " to " + last);
        }
        Conversation conversation = readable.conversation();
        List<ReadCount> counts = conversation.getKind() == ConversationKind.GROUP
                ? readCursors.groupReadCounts(conversation.getId(), conversation.getGroupId(), asked)
                : readCursors.directReadCounts(conversation.getId(), asked);
        Map<Long, ReadCount> bySeq = counts.stream().collect(Collectors.toMap(ReadCount::seq, Function.identity()));
        return asked.stream().map(seq -> {
            ReadCount count = bySeq.get(seq);
            return count == null ? new ReadCountView(seq, 0, 0) : new ReadCountView(seq, count.read(), count.readers());
        }).toList();
    }

    // ---------------------------------------------------------------- dialect B: by message id

    /**
     * Dialect B's {@code Cmd_GetMsg}: the newest {@code size} messages strictly between two messages
     * of the conversation, named by MID ({@code 0}: unbounded), oldest first. MIDs are not ordered
     * across nodes (each allocates its own block), so the bounds are turned into seqs first. A
     * conversation the caller cannot read, or that has no messages yet, is empty.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<StoredView> betweenMids(Caller caller, String type, String id, long minMid, long maxMid, int size) {
        return selectBetween(caller, type, id, minMid, maxMid, size).views();
    }

    /**
     * Dialect B's {@code Cmd_GetMsgHistory}: the same selection as {@link #betweenMids} as two MID
     * lists, incoming and mine; as in the Go server, reading them marks them read.
     */
    public MidLists historyMids(Caller caller, String type, String id, long minMid, long maxMid, int size) {
        Selection selection = selectBetween(caller, type, id, minMid, maxMid, size);
        List<Long> incoming = new ArrayList<>();
        List<Long> outgoing = new ArrayList<>();
        for (StoredView view : selection.views()) {
            (view.fromUserId() == caller.userId() ? outgoing : incoming).add(view.mid());
        }
        if (!selection.views().isEmpty()) {
            readReceipts.read(caller, selection.conversation(), id, selection.views().get(selection.views().size() - 1).seq(),
                    selection.fromSeq());
        }
        return new MidLists(incoming, outgoing);
    }

    /**
     * Dialect B's {@code Cmd_GetMsgBodys}: the messages with these MIDs that the caller may read, in
     * the order asked; others are left out, exactly as if they did not exist.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<StoredView> byMids(Caller caller, List<Long> mids) {
        if (mids.size() > MAX_PAGE) {
            throw ChorusException.invalid("at most " + MAX_PAGE + " ids at once");
        }
        Map<Long, Optional<Readable>> readableByConversation = new HashMap<>();
        List<StoredView> views = new ArrayList<>();
        for (Message m : messages.findAll(mids)) {
            Optional<Readable> readable = readableByConversation.computeIfAbsent(m.getConversationId(),
                    conversationId -> readableConversation(caller, conversationId));
            readable.filter(r -> m.getSeq() > r.fromSeq())
                    .ifPresent(r -> views.add(storedView(m, r.conversation())));
        }
        return views;
    }

    /**
     * Dialect B's {@code Cmd_GetRecentContact}: the caller's conversations whose last message is
     * newer than the one it has ({@code lmid}, 0 for all), most recent first, at most {@code size}.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<RecentStored> recentAfter(Caller caller, long lmid, int size) {
        if (size < 1 || size > RECENT_LIMIT) {
            throw ChorusException.invalid("sz must be 1-" + RECENT_LIMIT);
        }
        long newerThan = lmid == 0 ? Long.MIN_VALUE : messages.findById(lmid).map(Message::getServerTs).orElse(Long.MIN_VALUE);
        return conversations.recent(caller.userId(), RECENT_LIMIT).stream()
                .filter(r -> r.lastMessageId() != lmid && r.lastServerTs() >= newerThan)
                .limit(size)
                .map(r -> {
                    long to = r.kind() == ConversationKind.GROUP || r.lastSenderId() != r.peerId() ? r.peerId() : caller.userId();
                    return new RecentStored(new StoredView(r.lastMessageId(), r.kind(), r.lastSenderId(), to, r.lastPayload(),
                            r.lastCreatedAt(), r.lastServerTs(), r.lastSeq()), r.unread());
                })
                .toList();
    }

    private record Selection(Conversation conversation, long fromSeq, List<StoredView> views) {
    }

    private Selection selectBetween(Caller caller, String type, String id, long minMid, long maxMid, int size) {
        if (size < 1 || size > MAX_PAGE) {
            throw ChorusException.invalid("sz must be 1-" + MAX_PAGE);
        }
        Readable readable;
        try {
            readable = readable(caller, type, id);
        } catch (ChorusException notReadable) {
            return new Selection(null, 0, List.of());
        }
        Conversation conversation = readable.conversation();
        if (conversation == null) {
            return new Selection(null, 0, List.of());
        }
        long after = Math.max(minMid == 0 ? 0 : seqOf(minMid, conversation, "min"), readable.fromSeq());
        long before = maxMid == 0 ? Long.MAX_VALUE : seqOf(maxMid, conversation, "max");
        List<StoredView> views = new ArrayList<>(messages.page(conversation.getId(), after, before, size).stream()
                .map(m -> storedView(m, conversation)).toList());
        Collections.reverse(views);
        return new Selection(conversation, readable.fromSeq(), views);
    }

    private long seqOf(long mid, Conversation conversation, String field) {
        return messages.findById(mid)
                .filter(m -> m.getConversationId() == conversation.getId())
                .map(Message::getSeq)
                .orElseThrow(() -> ChorusException.invalid(field + " is not a message of this conversation"));
    }

    /** The conversation with its readable range, if the caller may read it at all. */
    private Optional<Readable> readableConversation(Caller caller, long conversationId) {
        return conversations.findConversation(conversationId).flatMap(c -> {
            if (c.getKind() == ConversationKind.DIRECT) {
                return c.hasMember(caller.userId()) ? Optional.of(new Readable(c, 0)) : Optional.empty();
            }
            if (c.getKind() == ConversationKind.GROUP) {
                return groups.member(c.getGroupId(), caller.userId()).map(member -> new Readable(c, member.getJoinedSeq()));
            }
            return Optional.empty();
        });
    }

    private static StoredView storedView(Message m, Conversation conversation) {
        long to = conversation.getKind() == ConversationKind.GROUP ? conversation.getGroupId() : conversation.peerOf(m.getSenderId());
        return new StoredView(m.getId(), conversation.getKind(), m.getSenderId(), to, m.getPayload(), m.getCreatedAt(),
                m.getServerTs(), m.getSeq());
    }

    /** The conversation the caller may read, from which seq on; a group without messages has none yet. */
    private record Readable(Conversation conversation, long fromSeq) {
    }

    private Readable readable(Caller caller, String type, String id) {
        if (ConversationKind.DIRECT.code().equalsIgnoreCase(type)) {
            long target = ids.decodeOr(id, () -> new ChorusException(ErrorCode.NOT_FOUND));
            return new Readable(conversations.findDirect(caller.userId(), target)
                    .orElseThrow(() -> new ChorusException(ErrorCode.NOT_FOUND)), 0);
        }
        if (ConversationKind.GROUP.code().equalsIgnoreCase(type)) {
            long target = ids.decodeGroupOr(id, () -> new ChorusException(ErrorCode.NOT_FOUND));
            GroupMember member = groups.find(target).flatMap(g -> groups.member(target, caller.userId()))
                    .orElseThrow(() -> new ChorusException(ErrorCode.NOT_FOUND));
            return new Readable(conversations.findGroup(target).orElse(null), member.getJoinedSeq());
        }
        throw new ChorusException(ErrorCode.NOT_FOUND);
    }

    private MessageView view(Message m, Conversation conversation, String gid) {
        String to = conversation.getKind() == ConversationKind.GROUP ? gid : ids.encode(conversation.peerOf(m.getSenderId()));
        return new MessageView(m.getWireId(), conversation.getKind().code(), ids.encode(m.getSenderId()), to, Jsonp.readObject(m.getPayload()),
                m.getCreatedAt(), m.getServerTs(), m.getSeq(), m.getEditedAt());
    }

}
