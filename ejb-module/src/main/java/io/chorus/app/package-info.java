/**
 * The application layer: use cases as {@code @Stateless} services, split by feature. A service
 * method is the transaction boundary; it takes plain values or commands and returns {@code *View}
 * records, never entities. {@code error} holds the one error catalogue, {@code event} the cluster
 * events that carry deliveries between nodes, {@code work} the queue worker that group commits and
 * event lanes run on ({@code push} is reserved for notifications to phones).
 */
package io.chorus.app;
