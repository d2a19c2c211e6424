package io.chorus.app.push;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * Publishes cluster events on the topic through the container's XA connection factory, inside the
 * caller's transaction: the event leaves only if the database commit succeeds. Events are not
 * persistent and expire: a node that misses one loses nothing, because the backlog in the database
 * is the source of truth and is replayed on the next connect.
 */
@ApplicationScoped
public class EventPublisher {
    static final String KIND = "kind";
    /** The event topic, defined by {@link ClusterEventListener}. */
    static final String TOPIC = "java:global/jms/chorus/events";
    private static final long TIME_TO_LIVE_MILLIS = 60_000;

    @Inject
    JMSContext jms;

    @Resource(lookup = TOPIC)
    Topic topic;

    private final Jsonb jsonb = JsonbBuilder.create();

    public void publish(ClusterEvent event) {
        jms.createProducer()
                .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                .setTimeToLive(TIME_TO_LIVE_MILLIS)
                .setProperty(KIND, event.getClass().getSimpleName())
                .send(topic, jsonb.toJson(event));
    }

    /** Lifecycle callbacks may not throw checked exceptions (Jakarta Annotations; Payara enforces it). */
    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            throw new IllegalStateException("Closing JSON-B failed", e);
        }
    }
}
