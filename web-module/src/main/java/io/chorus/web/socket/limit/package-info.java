/**
 * This node's budgets for sockets (SPEC §10): connection attempts per client address and per device,
 * and sends per device, each a {@link io.chorus.web.socket.limit.TokenBucket} kept per key
 * ({@link io.chorus.web.socket.limit.KeyedBuckets}) by the one
 * {@link io.chorus.web.socket.limit.ConnectionLimits} bean. The handshake filter and dialect B's
 * {@code Cmd_Auth} ask it before a connection exists; a connection holds its device's send budget.
 */
package io.chorus.web.socket.limit;
