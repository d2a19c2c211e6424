package io.chorus.app.event;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every node's one subscription to the event topic (non-durable: a node that is down needs no
 * events, its clients reconnect and replay their backlogs). The node's own events come back too
 * and are skipped: {@link EventPublisher} applied them when it published them. A malformed event is
 * rethrown, never swallowed.
 *
 * <p>The topic is defined here, by the application, under a portable {@code java:global} name: the
 * server creates it on its default JMS provider (WildFly: the embedded Artemis, or the remote broker
 * of a cluster node; Payara: its own broker), so no server-specific JNDI name appears in the code.
 * The definition sits on the MDB itself because Payara resolves an MDB's {@code destinationLookup}
 * only against a definition on the same class (docs/DEPLOYMENT.md).
 */
@JMSDestinationDefinition(name = EventPublisher.TOPIC, interfaceName = "jakarta.jms.Topic", destinationName = "ChorusEvents")
// No transaction: the events are not persistent, and a failed one is in the backlogs anyway.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = EventPublisher.TOPIC),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "NonDurable"),
})
public class ClusterEventListener implements MessageListener {
    /** Every event kind, by the name the publisher puts in the {@code kind} property. */
    @SuppressWarnings("unchecked")
    static final Map<String, Class<? extends ClusterEvent>> KINDS = Arrays.stream(ClusterEvent.class.getPermittedSubclasses())
            .map(type -> (Class<? extends ClusterEvent>) type)
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));

    private final Jsonb jsonb = JsonbBuilder.create();

    @Inject
    LocalDelivery localDelivery;

    @Inject
    @ConfigProperty(name = "chorus.node.id")
    String nodeId;

    @Override
    public void onMessage(Message message) {
        try {
            if (nodeId.equals(message.getStringProperty(EventPublisher.ORIGIN))) {
                return; // applied here when it was published
            }
            String kind = message.getStringProperty(EventPublisher.KIND);
            Class<? extends ClusterEvent> type = KINDS.get(kind);
            if (type == null) {
                throw new IllegalArgumentException("Unknown cluster event kind " + kind);
            }
            localDelivery.apply(jsonb.fromJson(message.getBody(String.class), type));
        } catch (JMSException e) {
            throw new IllegalStateException("Unreadable cluster event", e);
        }
    }
}
