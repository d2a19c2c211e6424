package io.chorus.app.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.app.metrics.NodeMetrics;
import io.chorus.app.work.LogAssertions;
import io.chorus.domain.message.ConversationKind;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Message bodies never reach the log, even when an event carrying one fails in a lane. */
class EventPublisherTest {
    private static final String MARKER = "secret-body-7f3a";
    private static final StoredMessage EVENT = new StoredMessage(5, ConversationKind.DIRECT, 7, 3, "w1", "u1", "u2",
            "{\"text\":\"" + MARKER + "\"}", 0, 0, 11, List.of(1L, 2L));

    private final Logger logger = Logger.getLogger("io.chorus");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> bothLanesFailed = new CompletableFuture<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
            if (records.stream().filter(r -> r.getLevel() == Level.WARNING).count() == 2) {
                bothLanesFailed.complete(null);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void detach() {
        logger.removeHandler(capture);
    }

    @Test
    void anEventFailingInItsLanes_isLoggedByKindAndIds_neverWithItsBody() throws Exception {
        EventPublisher publisher = new EventPublisher();
        publisher.metrics = new NodeMetrics();
        // This node's sessions fail on it; the topic has no broker at all (no factory): both lanes drop it.
        publisher.localDelivery = new LocalDelivery() {
            @Override
            public void apply(ClusterEvent event) {
                throw new IllegalStateException("the session went away");
            }
        };
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        logger.addHandler(capture);
        try {
            publisher.startLanes(scheduler);
            publisher.committed(EVENT);
            bothLanesFailed.get(10, TimeUnit.SECONDS);
        } finally {
            scheduler.shutdownNow();
        }

        LogAssertions.assertNoneContains(records, MARKER);
        assertTrue(records.stream().allMatch(r -> r.getMessage().contains("StoredMessage 5 (C2C, conversation 7, seq 3)")),
                records.get(0).getMessage());
    }

    /** The reliability tests' fault: a lost message event reaches neither lane and is counted; other events are not lost. */
    @Test
    void faultInjection_losesMessageEventsAfterCommit_andCountsThem() throws Exception {
        EventPublisher publisher = new EventPublisher();
        publisher.metrics = new NodeMetrics();
        publisher.loseMessageEvents = 1;
        List<ClusterEvent> applied = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> otherApplied = new CompletableFuture<>();
        publisher.localDelivery = new LocalDelivery() {
            @Override
            public void apply(ClusterEvent event) {
                applied.add(event);
                if (event instanceof SocketsClosed) {
                    otherApplied.complete(null);
                }
            }
        };
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            publisher.startLanes(scheduler);
            publisher.committed(EVENT);
            publisher.committed(new SocketsClosed(1, null, false));
            otherApplied.get(10, TimeUnit.SECONDS); // one lane, in order: the message event was never queued before it
        } finally {
            scheduler.shutdownNow();
        }

        assertEquals(List.of(new SocketsClosed(1, null, false)), applied);
        assertEquals(1, publisher.metrics.droppedEvents());
    }

    /**
     * The broker context holds one connection of the server's pool (java:/JmsXA, 20 connections):
     * left open at undeploy, twenty redeployments ran the pool dry and every publish waited 30 s.
     */
    @Test
    void stopping_closesTheBrokerContext_soARedeploymentLeavesNoPooledConnectionBehind() throws Exception {
        EventPublisher publisher = new EventPublisher();
        publisher.metrics = new NodeMetrics();
        publisher.nodeId = "node-1";
        publisher.jsonb = JsonbBuilder.create();
        publisher.localDelivery = new LocalDelivery() {
            @Override
            public void apply(ClusterEvent event) {
                // This node's sessions are not the point here.
            }
        };
        AtomicInteger openContexts = new AtomicInteger();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        publisher.factory = fake(ConnectionFactory.class, (method, args) -> {
            openContexts.incrementAndGet();
            return fake(JMSContext.class, (contextMethod, contextArgs) -> switch (contextMethod.getName()) {
                case "createProducer" -> producer(sent);
                case "close" -> openContexts.decrementAndGet();
                default -> null;
            });
        });
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            publisher.startLanes(scheduler);
            publisher.committed(new SocketsClosed(1, null, false));
            sent.get(10, TimeUnit.SECONDS);
            assertEquals(1, openContexts.get());

            publisher.stop();
        } finally {
            scheduler.shutdownNow();
        }

        assertEquals(0, openContexts.get());
    }

    /** A producer whose setters chain and whose send completes {@code sent}. */
    private static JMSProducer producer(CompletableFuture<Void> sent) {
        JMSProducer[] self = new JMSProducer[1];
        self[0] = fake(JMSProducer.class, (method, args) -> {
            if (method.getName().equals("send")) {
                sent.complete(null);
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

    @Test
    void storedMessage_toString_leavesTheBodyOut() {
        assertFalse(EVENT.toString().contains(MARKER), EVENT.toString());
        assertTrue(EVENT.toString().contains("messageId=5"));
    }

    @Test
    void describe_namesOtherEventsByKind() {
        assertEquals("SocketsClosed", EventPublisher.describe(new SocketsClosed(1, null, false)));
    }
}
