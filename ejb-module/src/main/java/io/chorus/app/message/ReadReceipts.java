package io.chorus.app.message;

import io.chorus.app.account.Caller;
import io.chorus.app.event.EventPublisher;
import io.chorus.app.event.ReadMoved;
import io.chorus.domain.account.AccountRepository;
import io.chorus.domain.account.UserAccount;
import io.chorus.domain.message.Conversation;
import io.chorus.domain.message.ConversationKind;
import io.chorus.domain.message.ReadCursorRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Moves a reader's cursor and, when it moved, tells who should know: the reader's other devices
 * (with the unread count now) and, in a one-to-one conversation, the peer as a read receipt — unless
 * the reader keeps its reads to itself. One event per forward move, published after the commit; a
 * read is "up to seq N", so a client that reads fifty messages at once sends one frame and causes one
 * event, and a read at or below the cursor changes nothing and tells nobody. Joins the caller's
 * transaction; never part of a send's.
 */
@ApplicationScoped
class ReadReceipts {
    @Inject
    ReadCursorRepository readCursors;

    @Inject
    AccountRepository accounts;

    @Inject
    EventPublisher events;

    /**
     * {@code to} is the conversation as the reader names it (the peer's uid, the group's gid);
     * {@code fromSeq} where the reader's part of it starts (a group member's join).
     */
    void read(Caller reader, Conversation conversation, String to, long seq, long fromSeq) {
        if (seq <= 0 || !readCursors.markRead(reader.userId(), conversation.getId(), seq)) {
            return;
        }
        long unread = readCursors.unreadAfter(reader.userId(), conversation.getId(), Math.max(seq, fromSeq));
        List<Long> receiptTo = conversation.getKind() == ConversationKind.DIRECT && sharesReads(reader.userId())
                ? List.of(conversation.peerOf(reader.userId())) : List.of();
        events.publish(new ReadMoved(reader.userId(), reader.uid(), reader.deviceId(), conversation.getKind(), to, seq, unread,
                System.currentTimeMillis(), receiptTo));
    }

    private boolean sharesReads(long userId) {
        return accounts.findUser(userId).map(UserAccount::sharesReadReceipts).orElse(false);
    }
}
