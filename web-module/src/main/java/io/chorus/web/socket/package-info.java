/**
 * The socket core both dialects share: an authenticated connection ({@link io.chorus.web.socket.ClientConnection})
 * with its one writer ({@link io.chorus.web.socket.SessionWriter}), its life from open to close
 * ({@link io.chorus.web.socket.Connections}), the node's registry of live connections
 * ({@link io.chorus.web.socket.SessionRegistry}, {@code @ApplicationScoped}, never statics), the close
 * codes, the text frame limit, and the {@link io.chorus.web.socket.Dialect} through which the delivery
 * engine and the cluster's events reach a device in its own dialect. Each connection's
 * {@link io.chorus.web.socket.AnswerOrder} is the one place that keeps its answers in the order of its
 * frames while acknowledgements and sends pipeline into group commits.
 *
 * <p>Nothing here knows a frame's syntax: the dialects' edges ({@code io.chorus.web.dialect.a},
 * {@code .b}) decode and encode, and call in here. A connection carries its device's feed from the
 * delivery engine ({@code io.chorus.web.delivery}), which opening a connection starts and closing it
 * settles.
 */
package io.chorus.web.socket;
