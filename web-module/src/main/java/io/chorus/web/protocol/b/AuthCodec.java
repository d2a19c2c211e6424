package io.chorus.web.protocol.b;

import io.chorus.app.error.ErrorCode;
import io.chorus.app.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code Cmd_Auth}: the Request {@code {u, p}} (base64 account and password) or Chorus's {@code {tk}}
 * (an access token), with the terminal type {@code tt}; the Response {@code {c, ss, usr}}, or
 * {@code {c, ss, reason}} for a refusal.
 */
public final class AuthCodec {
    /** The Go server's AuthCode values (REFERENCE §2.3). */
    public static final int AUTH_OK = 0;
    public static final int AUTH_INVALID_REQUEST = 1;
    public static final int AUTH_PASSWORD_INCORRECT = 3;
    public static final int AUTH_USER_NOT_VERIFIED = 4;
    public static final int AUTH_DATABASE_ERROR = 5;

    private AuthCodec() {
    }

    /**
     * What a {@code Cmd_Auth} asks: a sign-in with {@code token}, or (token null) a log-in with the
     * account and password from the {@code terminal}, with the client's {@code ts} and {@code tv}
     * (null if left out).
     */
    public record Request(String token, String account, String password, Terminal terminal, String ts, String tv) {
        // Never print a token or a password, even by accident in a log line.
        @Override
        public String toString() {
            return token != null ? "AuthCodec.Request[token]" : "AuthCodec.Request[account login, " + terminal + "]";
        }
    }

    /** Reads a {@code Cmd_Auth}'s data; a token, if given, is all that is read (it names the device already). */
    public static Request readRequest(byte[] data) {
        JsonObject json = JimJson.readObject(data);
        if (json.containsKey("tk")) {
            return new Request(string(json, "tk", 4096), null, null, null, null, null);
        }
        Terminal terminal = Terminal.of(JimJson.readInt(json, "tt", 0, 255, 0));
        return new Request(null, base64(json, "u"), base64(json, "p"), terminal, optional(json, "ts", 64),
                optional(json, "tv", 32));
    }

    /** The Response of a successful {@code Cmd_Auth}: {@code c} 0, the server's time, the user's id. */
    public static JsonObject response(long userId, long serverMillis) {
        JsonObject user = Jsonp.object().add("uid", userId).build();
        return Jsonp.object().add("c", AUTH_OK).add("ss", serverMillis).add("usr", user).build();
    }

    /** The Response of a refused {@code Cmd_Auth}: the AuthCode, the server's time and the catalogue's reason. */
    public static JsonObject refusal(int code, long serverMillis, String reason) {
        return Jsonp.object().add("c", code).add("ss", serverMillis).add("reason", reason).build();
    }

    /**
     * The AuthCode of a refusal from the error catalogue. An unknown account answers as a wrong
     * password does, as the REST login does, so accounts cannot be probed.
     */
    public static int codeOf(ErrorCode refusal) {
        return switch (refusal) {
            case ACCOUNT_DISABLED -> AUTH_USER_NOT_VERIFIED;
            case INVALID_FIELD, MALFORMED, TOO_MANY_ATTEMPTS -> AUTH_INVALID_REQUEST;
            // Not the client's fault: a DatabaseErr tells it to sign in again later, not to forget the password.
            case UNAVAILABLE -> AUTH_DATABASE_ERROR;
            default -> AUTH_PASSWORD_INCORRECT;
        };
    }

    private static String base64(JsonObject data, String field) {
        try {
            return new String(Base64.getDecoder().decode(string(data, field, 1024)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw new BodyException(field, "must be base64");
        }
    }

    private static String string(JsonObject data, String field, int maxLength) {
        JsonValue value = data.get(field);
        if (!(value instanceof JsonString text) || text.getString().isEmpty() || text.getString().length() > maxLength) {
            throw new BodyException(field, "must be a string of 1-" + maxLength + " characters");
        }
        return text.getString();
    }

    private static String optional(JsonObject data, String field, int maxLength) {
        return data.containsKey(field) ? string(data, field, maxLength) : null;
    }

    /**
     * JIM's terminal types (REFERENCE §2.4). A JIM login is a device per terminal type, as the Go
     * server kept one connection per (user, terminal type); the name doubles as the device's client
     * OS for the {@code ONE_PER_TERMINAL_TYPE} policy.
     */
    public enum Terminal {
        PC(1, "pc"), IPHONE(2, "iphone"), ANDROID(3, "android"), IPAD(4, "ipad"), ANDROID_PAD(5, "android-pad"), WEB(6, "web");

        private final int id;
        private final String cos;

        Terminal(int id, String cos) {
            this.id = id;
            this.cos = cos;
        }

        static Terminal of(int tt) {
            for (Terminal terminal : values()) {
                if (terminal.id == tt) {
                    return terminal;
                }
            }
            throw new BodyException("tt", "must be a terminal type 1-6");
        }

        /** The device id of a JIM login from this terminal type. */
        public String did() {
            return "jim-" + cos;
        }

        /** The client OS the device is registered with. */
        public String cos() {
            return cos;
        }
    }
}
