/**
 * Dialect B's edge, the socket {@code /jim} (SPEC §6): JIM packets in binary frames.
 *
 * <p>{@link io.chorus.web.dialect.b.JimConfigurator} gives each socket a plain
 * {@link io.chorus.web.dialect.b.JimEndpoint}, which reads the binary frames as one packet stream,
 * insists on {@code Cmd_Auth} first, and then hands each packet to the {@code JimDispatcher}; all
 * sockets share one {@link io.chorus.web.dialect.b.JimSockets} bean. What the cluster sends a
 * {@code /jim} device is put in packets by the {@code JimDialect}. Packet framing and the JSON of
 * each command are the codecs of {@code io.chorus.web.protocol.b}; the connection itself is the
 * socket core's ({@code io.chorus.web.socket}).
 */
package io.chorus.web.dialect.b;
