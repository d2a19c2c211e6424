package io.chorus.web.protocol.b;

import io.chorus.app.error.ErrorCode;
import io.chorus.app.json.Jsonp;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The packets the server writes on {@code /jim}, as frame bytes: each with a fresh random KEY, as the
 * Go server did; a Response or Error echoes its Request's CMD and SID, a server Request gets a
 * random SID. Stateless and thread-safe: one instance serves every connection.
 */
public final class ServerPackets {
    private final PacketEncoder encoder = new PacketEncoder();

    public byte[] request(Command command, JsonObject data) {
        return encode(command.id(), PacketType.REQUEST, ThreadLocalRandom.current().nextInt(0x10000), data);
    }

    public byte[] response(Packet request, JsonObject data) {
        return encode(request.cmd(), PacketType.RESPONSE, request.sid(), data);
    }

    /**
     * An Error packet for a request Chorus refuses: {@code {"code", "reason", "content"}} from the one
     * error catalogue, as dialect A's error frames carry them.
     */
    public byte[] error(Packet request, ErrorCode code, String content) {
        JsonObject data = Jsonp.object().add("code", code.wireCode()).add("reason", code.reason())
                .add("content", content == null ? code.text() : content).build();
        return encode(request.cmd(), PacketType.ERROR, request.sid(), data);
    }

    private byte[] encode(int cmd, PacketType type, int sid, JsonObject data) {
        byte[] json = data == null ? new byte[0] : data.toString().getBytes(StandardCharsets.UTF_8);
        return encoder.encode(new Packet(ThreadLocalRandom.current().nextInt(0x100), cmd, type, 0, sid, json));
    }
}
