/**
 * Cluster events: what one node stores, every node learns. Fired in the storing transaction and
 * published by {@link io.chorus.app.event.EventPublisher} once it committed (so a rolled-back message
 * is never pushed): to this node's sessions directly, to the others through the JMS topic
 * {@code java:global/jms/chorus/events} (topic {@code ChorusEvents}), consumed once per node by
 * {@link io.chorus.app.event.ClusterEventListener}; both end in {@link io.chorus.app.event.LocalDelivery}.
 * {@link io.chorus.app.event.StoredMessages} is the one place a {@code StoredMessage} is built.
 */
package io.chorus.app.event;
