package io.chorus.app.push;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/**
 * Every node's one subscription to the event topic (non-durable: a node that is down needs no
 * events, its clients reconnect and replay their backlogs). A malformed event is rethrown so the
 * broker can redeliver or dead-letter it, never swallowed.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/chorus/events"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "NonDurable"),
})
public class ClusterEventListener implements MessageListener {
    private final Jsonb jsonb = JsonbBuilder.create();

    @Inject
    LocalDelivery localDelivery;

    @Override
    public void onMessage(Message message) {
        try {
            String kind = message.getStringProperty(EventPublisher.KIND);
            String body = message.getBody(String.class);
            if (StoredMessage.class.getSimpleName().equals(kind)) {
                localDelivery.deliver(jsonb.fromJson(body, StoredMessage.class));
            } else if (RevokedMessage.class.getSimpleName().equals(kind)) {
                localDelivery.revoked(jsonb.fromJson(body, RevokedMessage.class));
            } else {
                throw new IllegalArgumentException("Unknown cluster event kind " + kind);
            }
        } catch (JMSException e) {
            throw new IllegalStateException("Unreadable cluster event", e);
        }
    }
}
