package io.chorus.app.message;

import io.chorus.app.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;

/**
 * The file a message payload names (docs/FILES.md): {@code "file":{"id":..., ...}} at the top of
 * the payload, whatever its {@code msg_type}. A {@code file} that is not an object with a string
 * {@code id} names no file that exists, so the send is refused like one naming a stranger's file.
 */
final class FileReferences {
    /** Never a file id: what a malformed {@code file} field is taken for. */
    static final String MALFORMED = "";

    private FileReferences() {
    }

    static Optional<String> fileId(String payloadJson) {
        // Most payloads are texts: no parse for those.
        if (payloadJson == null || !payloadJson.contains("\"file\"")) {
            return Optional.empty();
        }
        JsonObject payload;
        try {
            payload = Jsonp.readObject(payloadJson);
        } catch (RuntimeException notAnObject) {
            return Optional.empty();
        }
        JsonValue file = payload.get("file");
        if (file == null) {
            return Optional.empty();
        }
        if (file.getValueType() == JsonValue.ValueType.OBJECT && file.asJsonObject().get("id") instanceof JsonString id) {
            return Optional.of(id.getString());
        }
        return Optional.of(MALFORMED);
    }
}
