/**
 * Dialect A's edge, the socket {@code /ws} (SPEC §4): JSON text frames.
 *
 * <p>{@link io.chorus.web.dialect.a.HandshakeConfigurator} gives each socket a plain
 * {@link io.chorus.web.dialect.a.ChatEndpoint}, which holds its state and calls the one
 * {@link io.chorus.web.dialect.a.ChatSockets} bean: that authenticates the socket on open with the
 * upgrade's token, reassembles each text frame under the frame limit ({@code TextAssembler}), decodes
 * it with the codecs of {@code io.chorus.web.protocol.a} and hands it to the {@code FrameDispatcher},
 * which calls one service per frame kind and answers. What the cluster sends a {@code /ws} device is
 * encoded by the {@code JsonDialect}, which makes a chat message's frame once per node
 * ({@code RecentFrames}). The connection itself, its writer and the order of its answers are the
 * socket core's ({@code io.chorus.web.socket}).
 */
package io.chorus.web.dialect.a;
