package io.chorus.app.event;

import io.chorus.app.metrics.NodeMetrics;
import io.chorus.app.work.QueueWorker;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Topic;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes cluster events once the transaction that decided them has committed: a rolled-back
 * message is never pushed, and the broker is not a second resource of the send's transaction
 * (no two-phase commit, no transaction log write per message: docs/PERFORMANCE.md). This node's
 * sessions get each event at once, in one lane; the other nodes through the topic, in another lane
 * that retries while the broker is away, so a broker outage neither fails sends nor stops this
 * node's own deliveries.
 *
 * <p>An event lost after the commit (this node dies, or a lane overflows) costs latency, not data:
 * the message waits in the device's backlog and goes out with the conversation's next message (the
 * feed fills gaps) or at the device's next connect. Events are not persistent and expire for the
 * same reason.
 */
@ApplicationScoped
public class EventPublisher {
    private static final Logger LOG = Logger.getLogger(EventPublisher.class.getName());
    static final String KIND = "kind";
    /** The node that published the event; it applied the event itself and skips it on the topic. */
    static final String ORIGIN = "origin";
    /** The event topic, defined by {@link ClusterEventListener}. */
    static final String TOPIC = "java:global/jms/chorus/events";
    private static final long TIME_TO_LIVE_MILLIS = 60_000;
    private static final int LANE_CAPACITY = 100_000;
    // Turns of at most this many events, so that a busy lane does not keep an executor thread from the other timers.
    private static final int EVENTS_PER_TURN = 1_000;
    static final long FIRST_RETRY_MILLIS = 250;
    static final long LAST_RETRY_MILLIS = 5_000;

    @Inject
    Event<ClusterEvent> decided;

    @Inject
    LocalDelivery localDelivery;

    @Inject
    NodeMetrics metrics;

    @Inject
    @ConfigProperty(name = "chorus.node.id")
    String nodeId;

    /** The server's default JMS connection factory, used outside any transaction. */
    @Resource
    ConnectionFactory factory;

    @Resource(lookup = TOPIC)
    Topic topic;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Fault injection (docs/RELIABILITY.md): the share of message, notice and revoke events lost after commit. */
    @Inject
    @ConfigProperty(name = "chorus.fault.lose-message-events")
    double loseMessageEvents;

    Jsonb jsonb; // package-private for the unit test
    private QueueWorker<ClusterEvent> here;
    private QueueWorker<ClusterEvent> otherNodes;
    // Only the otherNodes lane's turns touch these two, one turn at a time.
    private JMSContext jms;
    private boolean failing;

    @PostConstruct
    void start() {
        jsonb = JsonbBuilder.create();
        startLanes(scheduler);
    }

    /**
     * Two lanes, each worked one event at a time in arrival order: events of one conversation keep
     * the order in which their transactions committed. Package-private for the unit test.
     */
    void startLanes(ScheduledExecutorService turns) {
        here = QueueWorker.<ClusterEvent>named("events-here").capacity(LANE_CAPACITY).itemsPerTurn(EVENTS_PER_TURN)
                .describedBy(EventPublisher::describe).runningOn(turns)
                .handling(events -> events.forEach(localDelivery::apply));
        otherNodes = QueueWorker.<ClusterEvent>named("events-topic").capacity(LANE_CAPACITY).itemsPerTurn(EVENTS_PER_TURN)
                .retryingAfter(FIRST_RETRY_MILLIS, LAST_RETRY_MILLIS).describedBy(EventPublisher::describe).runningOn(turns)
                .trying(events -> trySend(events.get(0)));
    }

    /** What a log line may say about an event: its kind and ids, never a message's body. */
    static String describe(ClusterEvent event) {
        if (event instanceof StoredMessage stored) {
            return "StoredMessage " + stored.messageId() + " (" + stored.kind().code() + ", conversation "
                    + stored.conversationId() + ", seq " + stored.seq() + ")";
        }
        return event.getClass().getSimpleName();
    }

    /** Call inside the deciding transaction (or outside any: then it goes at once). */
    public void publish(ClusterEvent event) {
        decided.fire(event);
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ClusterEvent event) {
        if (loseMessageEvents > 0 && (event instanceof StoredMessage || event instanceof RevokedMessage)
                && ThreadLocalRandom.current().nextDouble() < loseMessageEvents) {
            // As if this node died right after the commit: nobody hears of the message but the delivery sweep.
            metrics.eventDropped();
            return;
        }
        boolean appliedHere = here.offer(event);
        boolean sentOn = otherNodes.offer(event);
        if (!appliedHere || !sentOn) {
            metrics.eventDropped();
            LOG.warning(() -> "Event lanes full, " + event.getClass().getSimpleName() + " dropped (lanes: here "
                    + here.backlog() + ", topic " + otherNodes.backlog() + "); devices get it from their backlogs");
        }
    }

    /** False while the broker cannot be reached: the lane tries the same event again later. */
    private boolean trySend(ClusterEvent event) {
        try {
            if (jms == null) {
                jms = factory.createContext();
            }
            jms.createProducer()
                    .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                    .setTimeToLive(TIME_TO_LIVE_MILLIS)
                    .setProperty(KIND, event.getClass().getSimpleName())
                    .setProperty(ORIGIN, nodeId)
                    .send(topic, jsonb.toJson(event));
            if (failing) {
                failing = false;
                LOG.info("Publishing cluster events works again");
            }
            return true;
        } catch (JMSRuntimeException | IllegalStateException unreachable) {
            // Once per outage with the cause, then quietly: the broker may be away for minutes.
            LOG.log(failing ? Level.FINE : Level.WARNING, "Publishing cluster events failed; retrying every "
                    + LAST_RETRY_MILLIS + " ms at most", unreachable);
            failing = true;
            closeContext();
            return false;
        }
    }

    private void closeContext() {
        if (jms != null) {
            try {
                jms.close();
            } catch (RuntimeException ignored) {
                // The connection is broken already; a new context replaces it.
            }
            jms = null;
        }
    }

    /** Lifecycle callbacks may not throw checked exceptions (Jakarta Annotations; Payara enforces it). */
    @PreDestroy
    void stop() {
        here.stop();
        otherNodes.stop();
        // The context holds a connection of the server's pool (java:/JmsXA, 20): one left open per
        // deployment ran the pool dry after 20 redeployments, and every publish then waited 30 s.
        closeContext();
        try {
            jsonb.close();
        } catch (Exception e) {
            throw new IllegalStateException("Closing JSON-B failed", e);
        }
    }
}
