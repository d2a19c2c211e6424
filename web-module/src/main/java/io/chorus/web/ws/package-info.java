/**
 * The dialect A socket {@code /ws}: the endpoint, the handshake, the node-local registry of live
 * connections and the one writer per connection.
 *
 * <p>The endpoint is thin: it authenticates once, decodes each text frame with
 * {@link io.chorus.web.protocol.a.FrameDecoder} and hands it to {@link io.chorus.web.ws.FrameDispatcher}.
 * Connections live in the {@code @ApplicationScoped} {@link io.chorus.web.ws.SessionRegistry}, never in
 * statics. Everything written to a socket goes through its {@link io.chorus.web.ws.ClientConnection},
 * whose queue keeps writes one at a time, since concurrent sends on one session may throw.
 */
package io.chorus.web.ws;
