package io.chorus.app.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.app.event.StoredMessage;
import io.chorus.app.identity.PublicIds;
import io.chorus.domain.message.ConversationKind;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a committed message becomes on the push queue: the sender to leave out, what a mute would name, whether it is silent. */
class PushSchedulerTest {
    private final PublicIds ids = new PublicIds("k3G7QAe51FCsPW92uEOyq4Bg6Sp8YzVTmnU0liwDjHcXLNrZbRoIxvJhMKtfad", 8);
    private final PushScheduler scheduler = new PushScheduler();

    {
        scheduler.ids = ids;
    }

    @Test
    void direct_isMutedByItsSender() {
        PushCandidate candidate = scheduler.candidateOf(stored(ConversationKind.DIRECT, ids.encode(7), ids.encode(9), List.of(9L, 7L)));
        assertEquals(new PushCandidate(100, "C2C", 7, 1, 7, List.of(9L, 7L), false), candidate);
    }

    @Test
    void groupMessageAndGroupNotice_areMutedByTheGroup() {
        assertEquals(new PushCandidate(100, "C2G", 7, 2, 55, List.of(7L, 8L), false),
                scheduler.candidateOf(stored(ConversationKind.GROUP, ids.encode(7), ids.encodeGroup(55), List.of(7L, 8L))));
        assertEquals(new PushCandidate(100, "S2G", 7, 2, 55, List.of(8L), false),
                scheduler.candidateOf(stored(ConversationKind.GROUP_NOTICES, ids.encode(7), ids.encodeGroup(55), List.of(8L))));
    }

    @Test
    void notice_isNeverMuted_andASelfNoticeNamesItsUserAsSender() {
        assertEquals(new PushCandidate(100, "S2C", 9, 0, 0, List.of(9L), false),
                scheduler.candidateOf(stored(ConversationKind.NOTICES, ids.encode(9), ids.encode(9), List.of(9L))));
        assertEquals(0, scheduler.candidateOf(stored(ConversationKind.NOTICES, "system", ids.encode(9), List.of(9L))).senderId(),
                "a sender that is no user id is nobody");
    }

    /** An edit's notice, one-to-one (S2C, which no mute names) or in a group (S2G), is silent; a message saying the words is not. */
    @Test
    void editNotices_areSilent_messagesAndOtherNoticesAreNot() {
        String edit = "{\"msg_type\":\"message_edited\",\"type\":\"C2C\",\"id\":\"x\",\"payload\":{\"msg_type\":\"text\",\"text\":\"hi\"}}";
        assertTrue(scheduler.candidateOf(stored(ConversationKind.NOTICES, ids.encode(7), ids.encode(9), List.of(9L), edit)).silent());
        assertTrue(scheduler.candidateOf(stored(ConversationKind.GROUP_NOTICES, ids.encode(7), ids.encodeGroup(55), List.of(8L), edit))
                .silent());
        assertFalse(scheduler.candidateOf(stored(ConversationKind.DIRECT, ids.encode(7), ids.encode(9), List.of(9L),
                "{\"msg_type\":\"message_edited\",\"text\":\"a message of that type is a message\"}")).silent());
        assertFalse(scheduler.candidateOf(stored(ConversationKind.NOTICES, ids.encode(7), ids.encode(9), List.of(9L),
                "{\"msg_type\":\"add_friend\"}")).silent());
        assertFalse(scheduler.candidateOf(stored(ConversationKind.NOTICES, ids.encode(7), ids.encode(9), List.of(9L), "not json")).silent());
    }

    /**
     * The lane's broker context holds a connection of the server's pool (java:/JmsXA): it is closed
     * at undeploy, as EventPublisher's is since one leaked per deployment and ran the pool dry.
     */
    @Test
    void stopping_closesTheBrokerContext_soARedeploymentLeavesNoPooledConnectionBehind() throws Exception {
        PushScheduler push = new PushScheduler();
        push.ids = ids;
        push.settings = new PushSettings();
        push.settings.vapidPublicKey = Optional.of("BJ1OOL3bOO0If-pZARYymDEefCU2RXGXVIhgimq3Na9wVCoe1r8vwtq-fYlaMbddMRZcT6Dtr5TnDNaLziEVIdI");
        push.settings.vapidPrivateKey = Optional.of("b46L6gBM5Ekg7Gn1WC6SH6u7qIuDnFtJdi8IX1rMlDQ");
        AtomicInteger openContexts = new AtomicInteger();
        AtomicInteger sends = new AtomicInteger();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        push.factory = fake(ConnectionFactory.class, (method, args) -> {
            openContexts.incrementAndGet();
            return fake(JMSContext.class, (contextMethod, contextArgs) -> switch (contextMethod.getName()) {
                case "createProducer" -> producer(() -> {
                    sends.incrementAndGet();
                    sent.complete(null);
                });
                case "close" -> openContexts.decrementAndGet();
                default -> null;
            });
        });
        ScheduledExecutorService turns = Executors.newSingleThreadScheduledExecutor();
        try {
            push.startLane(turns);
            push.committed(stored(ConversationKind.DIRECT, ids.encode(7), ids.encode(9), List.of(9L, 7L)));
            sent.get(10, TimeUnit.SECONDS);
            assertEquals(1, openContexts.get());

            push.stop();
        } finally {
            turns.shutdown();
            assertTrue(turns.awaitTermination(10, TimeUnit.SECONDS));
        }
        assertEquals(0, openContexts.get());
        assertEquals(1, sends.get());
    }

    private static StoredMessage stored(ConversationKind kind, String from, String to, List<Long> users) {
        return stored(kind, from, to, users, "{}");
    }

    private static StoredMessage stored(ConversationKind kind, String from, String to, List<Long> users, String payload) {
        return new StoredMessage(100, kind, 3, 4, "w", from, to, payload, 0, 0, 0, users);
    }

    /** A producer whose setters chain and whose send runs {@code onSend}. */
    private static JMSProducer producer(Runnable onSend) {
        JMSProducer[] self = new JMSProducer[1];
        self[0] = fake(JMSProducer.class, (method, args) -> {
            if (method.getName().equals("send")) {
                onSend.run();
            }
            return method.getReturnType() == JMSProducer.class ? self[0] : null;
        });
        return self[0];
    }

    private interface Answer {
        Object answer(Method method, Object[] args);
    }

    private static <T> T fake(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method, args)));
    }
}
