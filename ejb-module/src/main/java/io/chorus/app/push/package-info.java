/**
 * Cluster events: what one node stores, every node learns through the JMS topic
 * {@code java:global/jms/chorus/events} (topic {@code ChorusEvents}), published in the storing transaction (so a rolled-back message
 * is never pushed) and consumed once per node by {@link io.chorus.app.push.ClusterEventListener},
 * which hands deliveries to this node's sessions through {@link io.chorus.app.push.LocalDelivery}.
 */
package io.chorus.app.push;
