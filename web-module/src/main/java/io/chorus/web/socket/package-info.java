/**
 * The socket core both dialects share: an authenticated connection
 * ({@link io.chorus.web.socket.ClientConnection}) with its one writer
 * ({@link io.chorus.web.socket.SessionWriter}) and the order of its answers
 * ({@link io.chorus.web.socket.AnswerOrder}, the one place that keeps answers in the order of the
 * frames while acknowledgements and sends pipeline into group commits); its life from open to close
 * ({@link io.chorus.web.socket.Connections}); the node's registry of live connections
 * ({@link io.chorus.web.socket.SessionRegistry}, {@code @ApplicationScoped}, never statics); the close
 * codes; and the {@link io.chorus.web.socket.Dialect} through which the delivery engine and the
 * cluster's events reach a device in its own dialect.
 *
 * <p>Nothing here knows a frame's syntax: the dialects' edges ({@code io.chorus.web.dialect.a},
 * {@code .b}) decode and encode, and call in here. Nothing here knows what is delivered either: the
 * delivery engine ({@code io.chorus.web.delivery}) hooks into a connection's life through
 * {@link io.chorus.web.socket.ConnectionHooks} and finds connections in the registry, so the
 * dependency runs one way, engine to core.
 */
package io.chorus.web.socket;
