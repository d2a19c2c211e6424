/**
 * The delivery engine: how this node's connected devices get their stored messages and notices,
 * the same for both dialects (SPEC §5).
 *
 * <p>{@link io.chorus.web.delivery.LiveDelivery} is the node's target of cluster events and runs the
 * one resend-and-settle tick; through the socket core's
 * {@link io.chorus.web.socket.ConnectionHooks} it gives each connection a
 * {@link io.chorus.web.delivery.DeviceFeed} (kept here, from just before the connection is registered
 * until it closes), which
 * keeps its device's frames in seq order per conversation (gap fills from the backlog, the replay
 * on connect, resends until acknowledged). How a message looks on the wire is the connection's
 * {@link io.chorus.web.socket.Dialect}'s business, not the engine's.
 */
package io.chorus.web.delivery;
