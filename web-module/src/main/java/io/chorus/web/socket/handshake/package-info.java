/**
 * The HTTP upgrade of both socket paths, before any frame: {@link io.chorus.web.socket.handshake.ConnectionAttemptFilter}
 * counts each attempt against the connect budgets (HTTP 429 beyond them) and checks the token once;
 * {@link io.chorus.web.socket.handshake.UpgradeAttempt} hands what it found out to the path's
 * {@link io.chorus.web.socket.handshake.SocketConfigurator} (the one owner of the thread-local that
 * joins the two); the configurator refuses disallowed browser origins
 * ({@link io.chorus.web.socket.handshake.OriginPolicy}), leaves the upgrade's credentials
 * ({@link io.chorus.web.socket.handshake.HandshakeCredentials}) for the endpoint and gives every socket
 * a plain endpoint object sharing one bean.
 *
 * <p>Nothing here authenticates: a bad token must reach a {@code /ws} client as an error frame after
 * the upgrade (SPEC §4), so the dialects' endpoints decide on open.
 */
package io.chorus.web.socket.handshake;
