/**
 * Dialect B, the JIM packets of {@code /jim} (SPEC §6): every codec of the dialect and nothing else.
 *
 * <p>A {@link io.chorus.web.protocol.b.Packet} is one decoded JIM packet: the fixed six-byte header
 * plus the JSON data, still as bytes. {@link io.chorus.web.protocol.b.PacketEncoder} turns one into
 * the bytes of one binary frame; {@link io.chorus.web.protocol.b.PacketStreamDecoder} reads the
 * binary frames of one connection as a single byte stream and hands back every packet they
 * complete, or fails with a {@link io.chorus.web.protocol.b.FramingException} once the stream can no
 * longer be trusted. {@link io.chorus.web.protocol.b.ServerPackets} makes the packets the server
 * writes. The data's JSON is read strictly and written {@code omitempty}-style by
 * {@link io.chorus.web.protocol.b.JimJson}; each command family has its codec beside it
 * ({@link io.chorus.web.protocol.b.AuthCodec}, {@link io.chorus.web.protocol.b.MsgCodec},
 * {@link io.chorus.web.protocol.b.HistoryCodec}), and {@link io.chorus.web.protocol.b.ContentMapping}
 * maps message content to and from dialect A's payloads.
 *
 * <p>No sessions, no services, no CDI, no JSON binding: dialect B's edge in
 * {@code io.chorus.web.dialect.b} wires these codecs to connections. The byte layout is pinned by
 * golden files under {@code src/test/resources/golden/b}, which {@code docs/PROTOCOL.md} quotes.
 */
package io.chorus.web.protocol.b;
