package io.chorus.domain.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.domain.RepositoryDatabase;
import io.chorus.domain.TestData;
import io.chorus.domain.account.UserAccount;
import io.chorus.domain.group.ChatGroup;
import io.chorus.domain.group.GroupMember;
import io.chorus.domain.message.MessageSearchRepository.Hit;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Search on PostgreSQL (migration V16_1's column and index) and the mention flag of the recent list:
 * only the caller's readable messages, every term, newest first, by cursor; CJK as phrases.
 */
@ExtendWith(RepositoryDatabase.class)
class MessageSearchRepositoryIT {
    private static final long END = Long.MAX_VALUE;
    private EntityManager em;
    private TestData data;
    private MessageData messageData;
    private MessageSearchRepository search;

    @BeforeEach
    void setUp(EntityManager em) {
        this.em = em;
        data = new TestData(em);
        messageData = new MessageData(em);
        search = new MessageSearchRepository();
        search.em = em;
    }

    private Message text(Conversation conversation, long senderId, String text, long serverTs) {
        return messageData.messages.save(new Message(conversation.getId(), conversation.nextSeq(), senderId, null, TestData.unique("x"),
                "{\"msg_type\":\"text\",\"text\":\"" + text + "\"}", serverTs, serverTs));
    }

    private List<String> texts(List<Hit> hits) {
        return hits.stream().map(h -> h.payload().replaceAll(".*\"text\":\"([^\"]*)\".*", "$1")).toList();
    }

    @Test
    void findsEveryTerm_inTheCallersConversationsOnly_newestFirst_byCursor() {
        assertTrue(search.usesFullText(), "the repository tests run on PostgreSQL");
        UserAccount alice = data.user();
        UserAccount bob = data.user();
        UserAccount carol = data.user();
        Conversation ab = messageData.direct(alice.getId(), bob.getId());
        Conversation ac = messageData.direct(alice.getId(), carol.getId());
        text(ab, alice.getId(), "Budget meeting moved", 10);
        text(ab, bob.getId(), "the budget is fine", 20);
        text(ab, bob.getId(), "unrelated words", 30);
        Message revoked = text(ab, alice.getId(), "budget secret", 40);
        revoked.revoke("{\"msg_type\":\"custom\",\"custom_type\":\"peer_revoked\"}", 41);
        text(ac, alice.getId(), "budget for carol", 50);
        em.flush();

        assertEquals(List.of("the budget is fine", "Budget meeting moved"), texts(search.search(bob.getId(), List.of("budget"), END, END, 10)));
        assertEquals(List.of("Budget meeting moved"), texts(search.search(bob.getId(), List.of("meeting", "BUDGET"), END, END, 10)));
        assertEquals(List.of("budget for carol"), texts(search.search(carol.getId(), List.of("budget"), END, END, 10)));
        List<Hit> first = search.search(alice.getId(), List.of("budget"), END, END, 2);
        assertEquals(List.of("budget for carol", "the budget is fine"), texts(first));
        Hit last = first.get(1);
        assertEquals(List.of("Budget meeting moved"), texts(search.search(alice.getId(), List.of("budget"), last.serverTs(), last.messageId(), 2)));
        assertEquals(ConversationKind.DIRECT, last.kind());
    }

    /**
     * The search looks newest first in windows of server_ts (tiny ones here, so 70 messages make
     * several): page by page it answers exactly what one scan of everything would, newest first by
     * (server_ts, id), a common word and a rare one, only the caller's conversations, with ids in
     * another order than the timestamps (nodes allocate ids in blocks) and equal timestamps at
     * window edges.
     */
    @Test
    void windowsNewestFirst_pageByPage_likeOneScan_commonAndRareWords() {
        UserAccount alice = data.user();
        UserAccount bob = data.user();
        UserAccount carol = data.user();
        UserAccount dave = data.user();
        Conversation ab = messageData.direct(alice.getId(), bob.getId());
        Conversation ac = messageData.direct(alice.getId(), carol.getId());
        Conversation bd = messageData.direct(bob.getId(), dave.getId());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(25));
        List<Message> alices = new ArrayList<>();
        List<Message> rares = new ArrayList<>();
        int davesCommon = 0;
        for (int i = 0; i < 70; i++) {
            int t = order.get(i);
            Conversation conversation = i % 3 == 0 ? bd : i % 3 == 1 ? ab : ac;
            boolean common = t % 4 != 0;
            boolean rare = t < 6;
            Message m = text(conversation, conversation.getUserLo(), (common ? "commonword " : "") + (rare ? "rareword " : "") + "n" + t,
                    1_000 + 10L * (t / 2)); // two messages per timestamp
            if (conversation != bd && common) {
                alices.add(m);
            }
            if (conversation != bd && rare) {
                rares.add(m);
            }
            if (conversation == bd && common) {
                davesCommon++;
            }
        }
        em.flush();
        Comparator<Message> newestFirst = Comparator.comparingLong(Message::getServerTs).thenComparingLong(Message::getId).reversed();
        alices.sort(newestFirst);
        rares.sort(newestFirst);
        assertTrue(alices.size() > 30 && rares.size() >= 2, "the fixture has a common word and a rare one: " + alices.size() + ", " + rares.size());

        for (int window : new int[] {1, 3, 1 << 20}) {
            search.firstWindow = window;
            for (int limit : new int[] {1, 7, 100}) {
                assertEquals(ids(alices), pageThrough(alice.getId(), "commonword", limit), "window " + window + ", limit " + limit);
                assertEquals(ids(rares), pageThrough(alice.getId(), "rareword", limit), "window " + window + ", limit " + limit);
            }
        }
        search.firstWindow = 2;
        List<Hit> firstPage = search.search(alice.getId(), List.of("commonword"), END, END, 5);
        assertEquals(ids(alices.subList(0, 5)), firstPage.stream().map(Hit::messageId).toList());
        List<Hit> daves = search.search(dave.getId(), List.of("commonword"), END, END, 100);
        assertEquals(davesCommon, daves.size());
        assertTrue(daves.stream().allMatch(h -> h.userLo().equals(bd.getUserLo()) && h.userHi().equals(bd.getUserHi())),
                "dave finds his conversation's only");
        assertEquals(List.of(), search.search(carol.getId(), List.of("nosuchword"), END, END, 10));
    }

    private static List<Long> ids(List<Message> messages) {
        return messages.stream().map(Message::getId).toList();
    }

    /** Every hit of a search, page after page by the cursor of each page's last hit, as REST pages it. */
    private List<Long> pageThrough(long userId, String term, int limit) {
        List<Long> all = new ArrayList<>();
        long ts = END;
        long id = END;
        for (int page = 0; page < 200; page++) {
            List<Hit> hits = search.search(userId, List.of(term), ts, id, limit);
            hits.forEach(h -> all.add(h.messageId()));
            if (hits.size() < limit) {
                return all;
            }
            ts = hits.get(hits.size() - 1).serverTs();
            id = hits.get(hits.size() - 1).messageId();
        }
        throw new AssertionError("did not end");
    }

    @Test
    void groups_fromTheJoinOn_whileAMember_andCjkAsPhrases() {
        UserAccount owner = data.user();
        UserAccount late = data.user();
        ChatGroup group = data.group(owner);
        data.member(group, owner, GroupMember.Role.OWNER, 0);
        Conversation chat = messageData.conversations.lockGroupConversation(ConversationKind.GROUP, group.getId());
        text(chat, owner.getId(), "大家晚上好 before", 10);
        data.member(group, late, GroupMember.Role.MEMBER, chat.getLastSeq());
        text(chat, owner.getId(), "大家晚上好 after", 20);
        em.flush();

        assertEquals(List.of("大家晚上好 after", "大家晚上好 before"), texts(search.search(owner.getId(), List.of("上好"), END, END, 10)));
        assertEquals(List.of("大家晚上好 after"), texts(search.search(late.getId(), List.of("晚上"), END, END, 10)));
        assertEquals(List.of(), texts(search.search(owner.getId(), List.of("好上"), END, END, 10)), "in that order only");
        assertEquals(ConversationKind.GROUP, search.search(late.getId(), List.of("after"), END, END, 10).get(0).kind());
        em.createNativeQuery("DELETE FROM group_member WHERE group_id = ?1 AND user_id = ?2")
                .setParameter(1, group.getId()).setParameter(2, late.getId()).executeUpdate();
        assertEquals(List.of(), texts(search.search(late.getId(), List.of("after"), END, END, 10)), "a group left is not searched");
    }

    @Test
    void anEditedText_isFoundByItsNewWords_only() {
        UserAccount alice = data.user();
        UserAccount bob = data.user();
        Conversation ab = messageData.direct(alice.getId(), bob.getId());
        Message message = text(ab, alice.getId(), "see you at the statoin", 10);
        em.flush();
        messageData.messages.recordEdit(message.getId(), message.getPayload(), 11, null);
        message.edit("{\"msg_type\":\"text\",\"text\":\"see you at the station\"}", 11);
        em.flush();

        assertEquals(1, search.search(bob.getId(), List.of("station"), END, END, 10).size());
        assertEquals(0, search.search(bob.getId(), List.of("statoin"), END, END, 10).size());
        assertEquals(List.of(1), messageData.messages.edits(message.getId()).stream().map(MessageRepository.EditedVersion::version).toList());
    }

    /** PostgreSQL's JSON types refuse {@code \u0000}; such a payload is stored all the same and its words found. */
    @Test
    void aTextWithNul_isStored_andSearchable() {
        UserAccount alice = data.user();
        UserAccount bob = data.user();
        Conversation ab = messageData.direct(alice.getId(), bob.getId());
        text(ab, alice.getId(), "nul\\u0000here and a literal \\\\u0000 too", 10);
        em.flush();

        assertEquals(1, search.search(bob.getId(), List.of("nul"), END, END, 10).size());
        assertEquals(1, search.search(bob.getId(), List.of("here"), END, END, 10).size());
    }

    @Test
    void recent_flagsAMentionAboveTheReadCursor_only() {
        UserAccount owner = data.user();
        UserAccount member = data.user();
        ChatGroup group = data.group(owner);
        data.member(group, owner, GroupMember.Role.OWNER, 0);
        data.member(group, member, GroupMember.Role.MEMBER, 0);
        Conversation chat = messageData.conversations.lockGroupConversation(ConversationKind.GROUP, group.getId());
        Message mention = text(chat, owner.getId(), "look", 10);
        messageData.messages.addMentions(chat.getId(), mention.getSeq(), List.of(member.getId()));
        em.flush();

        assertTrue(messageData.conversations.recent(member.getId(), 10).get(0).mentioned());
        assertEquals(false, messageData.conversations.recent(owner.getId(), 10).get(0).mentioned());
        messageData.readCursors.markRead(member.getId(), chat.getId(), mention.getSeq());
        assertEquals(false, messageData.conversations.recent(member.getId(), 10).get(0).mentioned());

        Message all = text(chat, owner.getId(), "everyone", 20);
        messageData.messages.addMentionOfAll(chat.getId(), all.getSeq(), group.getId(), owner.getId());
        em.flush();
        assertTrue(messageData.conversations.recent(member.getId(), 10).get(0).mentioned());
        assertEquals(false, messageData.conversations.recent(owner.getId(), 10).get(0).mentioned(), "not the sender");
        messageData.messages.dropMentions(chat.getId(), all.getSeq());
        assertEquals(false, messageData.conversations.recent(member.getId(), 10).get(0).mentioned());
    }
}
