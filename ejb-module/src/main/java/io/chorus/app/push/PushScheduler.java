package io.chorus.app.push;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.event.StoredMessage;
import io.chorus.app.identity.PublicIds;
import io.chorus.app.json.Jsonp;
import io.chorus.app.message.MessageEdits;
import io.chorus.app.work.QueueWorker;
import io.chorus.domain.message.ConversationKind;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Puts a push candidate on the persistent push queue for every message or notice once its
 * transaction committed, to be looked at after the grace delay (a JMS delivery delay, kept by the
 * broker). Off the send path: the commit's thread only offers the candidate to a lane, and the
 * lane's turns talk to the broker, retrying while it is away (a lane that overflows loses pushes,
 * never messages). Nothing at all is queued while no provider is configured.
 */
@ApplicationScoped
public class PushScheduler {
    private static final Logger LOG = Logger.getLogger(PushScheduler.class.getName());
    static final String QUEUE = "java:global/jms/chorus/push";
    static final String STEP = "step";
    static final String DECIDE = "decide";
    static final String SEND = "send";
    private static final int LANE_CAPACITY = 100_000;

    @Inject
    PushSettings settings;

    @Inject
    PublicIds ids;

    @Resource
    ConnectionFactory factory;

    @Resource(lookup = QUEUE)
    Queue queue;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private Jsonb jsonb;
    private QueueWorker<PushCandidate> lane;
    // The lane's turns (one at a time) and stop() touch these, under this object's lock: a turn still
    // running when the deployment stops must not open a context after stop() closed the last one.
    private JMSContext jms;
    private boolean failing;
    private boolean stopped;

    @PostConstruct
    void start() {
        startLane(scheduler);
    }

    /** Package-private for the unit test, which runs the lane on its own executor. */
    void startLane(ScheduledExecutorService turns) {
        jsonb = JsonbBuilder.create();
        lane = QueueWorker.<PushCandidate>named("push-candidates").capacity(LANE_CAPACITY).itemsPerTurn(1_000)
                .retryingAfter(250, 5_000).describedBy(c -> "push candidate for message " + c.messageId())
                .runningOn(turns).trying(candidates -> trySend(candidates.get(0)));
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) StoredMessage stored) {
        if (!settings.anyEnabled()) {
            return;
        }
        PushCandidate candidate = candidateOf(stored);
        if (!lane.offer(candidate)) {
            LOG.warning(() -> "Push lane full: no push for message " + stored.messageId());
        }
    }

    PushCandidate candidateOf(StoredMessage stored) {
        long senderId = decodeOrZero(stored.from(), false);
        int contactKind = 0;
        long contactId = 0;
        if (stored.kind() == ConversationKind.DIRECT) {
            contactKind = 1;
            contactId = senderId;
        } else if (stored.kind() == ConversationKind.GROUP || stored.kind() == ConversationKind.GROUP_NOTICES) {
            contactKind = 2;
            contactId = decodeOrZero(stored.to(), true);
        }
        return new PushCandidate(stored.messageId(), stored.kind().code(), senderId, contactKind, contactId, stored.userIds(),
                isEdit(stored));
    }

    /**
     * An edit's notice: its recipients were told of the message already, and a one-to-one edit is
     * an {@code S2C} notice, which the mute list (by sender or group) would not silence.
     */
    static boolean isEdit(StoredMessage stored) {
        if (!stored.kind().isNotice()) {
            return false;
        }
        try {
            JsonObject payload = Jsonp.readObject(stored.payloadJson());
            return payload.get("msg_type") instanceof JsonString type && MessageEdits.NOTICE_TYPE.equals(type.getString());
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    private long decodeOrZero(String publicId, boolean group) {
        try {
            return group ? ids.decodeGroupOr(publicId, () -> new ChorusException(ErrorCode.NOT_FOUND)) : ids.decode(publicId);
        } catch (RuntimeException notAnId) {
            return 0;
        }
    }

    private synchronized boolean trySend(PushCandidate candidate) {
        if (stopped) {
            // Undeployed: the candidate is dropped (a lost push, never a lost message).
            return true;
        }
        try {
            if (jms == null) {
                jms = factory.createContext();
            }
            jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).setDeliveryDelay(settings.graceMillis())
                    .setProperty(STEP, DECIDE).send(queue, jsonb.toJson(candidate));
            if (failing) {
                failing = false;
                LOG.info("Queueing push candidates works again");
            }
            return true;
        } catch (JMSRuntimeException | IllegalStateException unreachable) {
            LOG.log(failing ? Level.FINE : Level.WARNING, "Queueing a push candidate failed; retrying", unreachable);
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
                // Broken already; a new context replaces it.
            }
            jms = null;
        }
    }

    /**
     * The context holds a connection of the server's pool (java:/JmsXA): it must be given back at
     * undeploy, or each deployment leaks one (the pool's 20 ran dry that way once: EventPublisher).
     */
    @PreDestroy
    void stop() {
        lane.stop();
        synchronized (this) {
            stopped = true;
            closeContext();
        }
        try {
            jsonb.close();
        } catch (Exception e) {
            throw new IllegalStateException("Closing JSON-B failed", e);
        }
    }
}
