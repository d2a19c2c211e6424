package io.chorus.app.push;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.annotation.Resource;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.logging.Logger;

/**
 * The push queue's consumer, on every node (the queue is on the shared broker, so each entry is
 * worked once in the cluster). Two steps, each in one transaction with the queue: {@code decide}
 * (a candidate whose grace delay passed: who gets a push, what it says) queues one {@code send}
 * per device; {@code send} asks the provider and, if it is unavailable, queues the same push again
 * with a doubled delay. A failure of the worker itself rolls back and the broker delivers again
 * (then to its dead-letter queue): a push is never lost to a crash between the steps.
 */
@JMSDestinationDefinition(name = PushScheduler.QUEUE, interfaceName = "jakarta.jms.Queue", destinationName = "ChorusPush")
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = PushScheduler.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
})
public class PushWorker implements MessageListener {
    private static final Logger LOG = Logger.getLogger(PushWorker.class.getName());
    private final Jsonb jsonb = JsonbBuilder.create();

    @EJB
    PushDecisions decisions;

    @Inject
    WebPushProvider webPush;

    @Inject
    ApnsProvider apns;

    @Inject
    FcmProvider fcm;

    @Inject
    PushSettings settings;

    @Inject
    PushMetrics metrics;

    @Inject
    JMSContext jms;

    @Resource(lookup = PushScheduler.QUEUE)
    Queue queue;

    @Override
    public void onMessage(Message message) {
        try {
            String step = message.getStringProperty(PushScheduler.STEP);
            String body = message.getBody(String.class);
            if (PushScheduler.DECIDE.equals(step)) {
                for (PushJob job : decisions.decide(jsonb.fromJson(body, PushCandidate.class))) {
                    queue(job, 0);
                }
            } else if (PushScheduler.SEND.equals(step)) {
                send(jsonb.fromJson(body, PushJob.class));
            } else {
                throw new IllegalArgumentException("Unknown push step " + step);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("Unreadable push queue entry", e);
        }
    }

    private void send(PushJob job) {
        PushOutcome outcome = switch (job.provider()) {
            case "webpush" -> webPush.send(job, jsonb.toJson(job.notice()));
            case "apns" -> apns.send(job);
            case "fcm" -> fcm.send(job);
            // Registrations for providers this server does not use are refused; one configured away since is dropped.
            default -> PushOutcome.FAILED;
        };
        metrics.attempted(job.provider(), outcome);
        switch (outcome) {
            case DEAD -> {
                decisions.forgetDead(job);
                LOG.info(() -> "Push registration of device " + job.deviceId() + " deleted: " + job.provider() + " says it is dead");
            }
            case RETRY -> {
                if (job.attempt() < settings.maxAttempts()) {
                    queue(job.retry(), settings.retryDelayMillis(job.attempt()));
                } else {
                    metrics.attempted(job.provider(), PushOutcome.FAILED);
                    LOG.warning(() -> "Push to device " + job.deviceId() + " given up after " + job.attempt() + " attempts");
                }
            }
            case FAILED -> LOG.fine(() -> "Push to device " + job.deviceId() + " refused by " + job.provider());
            case SENT -> LOG.fine(() -> "Push sent: " + job);
        }
    }

    private void queue(PushJob job, long delayMillis) {
        jms.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT).setDeliveryDelay(delayMillis)
                .setProperty(PushScheduler.STEP, PushScheduler.SEND).send(queue, jsonb.toJson(job));
    }
}
