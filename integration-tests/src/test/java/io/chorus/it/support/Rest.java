package io.chorus.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A small black-box HTTP client for the REST API. */
public final class Rest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    public Rest(URI base) {
        this.base = base;
    }

    public static Rest local() {
        return new Rest(Server.baseUri());
    }

    public URI base() {
        return base;
    }

    public Reply post(String path, String json) {
        return post(path, json, null);
    }

    public Reply post(String path, String json, String token) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply post(String path, JsonObject json, String token) {
        return post(path, json.toString(), token);
    }

    public Reply get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Reply send(String method, String path, String json, String token) {
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
        return send(request(path, token).header("Content-Type", "application/json").method(method, body));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type"), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Status, content type and body of one answer. */
    public record Reply(int status, Optional<String> contentType, String body) {
        public JsonObject json() {
            return (JsonObject) structure();
        }

        public JsonStructure structure() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }

        public boolean isProblem() {
            return contentType.map(t -> t.startsWith("application/problem+json")).orElse(false);
        }

        public String reason() {
            return json().getString("reason");
        }

        public int code() {
            return json().getInt("code");
        }

        @Override
        public String toString() {
            return status + " " + contentType.orElse("") + " " + body;
        }
    }

    public static JsonObject obj(Object... keyValues) {
        var builder = Json.createObjectBuilder();
        for (int i = 0; i < keyValues.length; i += 2) {
            String key = (String) keyValues[i];
            Object value = keyValues[i + 1];
            if (value == null) {
                builder.addNull(key);
            } else if (value instanceof String s) {
                builder.add(key, s);
            } else if (value instanceof Integer n) {
                builder.add(key, n);
            } else if (value instanceof Long n) {
                builder.add(key, n);
            } else if (value instanceof Boolean b) {
                builder.add(key, b);
            } else if (value instanceof JsonValue v) {
                builder.add(key, v);
            } else if (value instanceof jakarta.json.JsonArrayBuilder array) {
                builder.add(key, array);
            } else {
                throw new IllegalArgumentException("Unsupported value " + value);
            }
        }
        return builder.build();
    }
}
