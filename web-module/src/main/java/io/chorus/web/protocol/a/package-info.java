/**
 * Dialect A, the JSON frames of {@code /ws} (SPEC §4): every codec of the dialect and nothing else.
 *
 * <p>Text in, {@link io.chorus.web.protocol.a.InboundFrame} out ({@link io.chorus.web.protocol.a.FrameDecoder});
 * values in, text out ({@link io.chorus.web.protocol.a.FrameEncoder}). No sessions, no services, no
 * CDI: dialect A's edge in {@code io.chorus.web.dialect.a} wires these codecs to connections. The
 * shapes are pinned by golden files under {@code src/test/resources/golden/a}, which
 * {@code docs/PROTOCOL.md} quotes.
 */
package io.chorus.web.protocol.a;
