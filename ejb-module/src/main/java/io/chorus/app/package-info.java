/**
 * The application layer: use cases as {@code @Stateless} services, split by feature. A service
 * method is the transaction boundary; it takes plain values or commands and returns {@code *View}
 * records, never entities. {@code error} holds the one error catalogue, {@code push} (later) the
 * cluster events that carry deliveries between nodes.
 */
package io.chorus.app;
