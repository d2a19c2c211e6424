package io.chorus.it.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real Keycloak of the single sign-on tests: {@code org.keycloak:keycloak-quarkus-dist}, unpacked
 * by the build, started by {@code scripts/keycloak.sh} on 127.0.0.1:18480 with the realms of
 * {@code src/test/keycloak} imported (dev mode, in-memory database). Started once per test JVM, at the
 * first class that asks, and stopped when all tests are done (JUnit's root store closes it).
 * Also the tests' Keycloak admin: users and groups through the admin REST API, and tokens through
 * the password grant in place of an app's browser sign-in.
 */
public final class Keycloak implements ExtensionContext.Store.CloseableResource {
    private static final Logger LOG = Logger.getLogger(Keycloak.class.getName());
    public static final int PORT = 18480;
    public static final URI BASE = URI.create("http://127.0.0.1:" + PORT);
    public static final String REALM = "chorus-test";
    public static final String OTHER_REALM = "other-company";
    public static final String CHORUS_CLIENT = "chorus";
    public static final String CHORUS_SECRET = "chorus-test-secret";
    public static final String ADMIN_GROUP = "chorus-admins";
    public static final String PASSWORD = "company-secret-1";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Path SCRIPT = Path.of("..", "scripts", "keycloak.sh").toAbsolutePath().normalize();
    private static final Path REALMS = Path.of("src", "test", "keycloak").toAbsolutePath();
    private static final Path LOG_FILE = Path.of("target", "keycloak-script.log").toAbsolutePath();

    private Keycloak() {
    }

    /** The running Keycloak, started now if no earlier test class started it. */
    public static Keycloak shared(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Keycloak.class, key -> start(), Keycloak.class);
    }

    private static Keycloak start() {
        long started = System.nanoTime();
        script("start");
        LOG.info(() -> "Keycloak ready after " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s");
        return new Keycloak();
    }

    @Override
    public void close() {
        script("stop");
    }

    private static void script(String action) {
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", SCRIPT.toString(), action).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG_FILE.toFile()));
        builder.environment().put("KEYCLOAK_HOME", System.getProperty("keycloak.home"));
        builder.environment().put("KEYCLOAK_REALMS", REALMS.toString());
        builder.environment().put("KEYCLOAK_PORT", Integer.toString(PORT));
        try {
            Files.createDirectories(LOG_FILE.getParent());
            Process process = builder.start();
            if (!process.waitFor(240, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("scripts/keycloak.sh " + action + " failed:\n" + Files.readString(LOG_FILE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String issuer(String realm) {
        return BASE + "/realms/" + realm;
    }

    /** A person at the company: a fresh Keycloak user of {@code realm} with the test password. */
    public record Person(String realm, String id, String username) {
    }

    public Person createUser(String realm, String prefix, String fullName, List<String> groups) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        JsonArrayBuilder groupNames = Json.createArrayBuilder();
        groups.forEach(groupNames::add);
        String[] names = fullName.split(" ", 2);
        JsonObject user = Json.createObjectBuilder()
                .add("username", username).add("enabled", true)
                .add("email", username + "@example.com").add("emailVerified", true)
                .add("firstName", names[0]).add("lastName", names.length > 1 ? names[1] : "-")
                .add("credentials", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("type", "password").add("value", PASSWORD).add("temporary", false)))
                .add("groups", groupNames).build();
        HttpResponse<String> created = admin("POST", "/admin/realms/" + realm + "/users", user.toString());
        assertEquals(201, created.statusCode(), created::body);
        String location = created.headers().firstValue("Location").orElseThrow();
        return new Person(realm, location.substring(location.lastIndexOf('/') + 1), username);
    }

    public void setEnabled(Person person, boolean enabled) {
        HttpResponse<String> answer = admin("PUT", "/admin/realms/" + person.realm() + "/users/" + person.id(),
                Json.createObjectBuilder().add("enabled", enabled).build().toString());
        assertEquals(204, answer.statusCode(), answer::body);
    }

    public void rename(Person person, String firstName, String lastName) {
        HttpResponse<String> answer = admin("PUT", "/admin/realms/" + person.realm() + "/users/" + person.id(),
                Json.createObjectBuilder().add("firstName", firstName).add("lastName", lastName).build().toString());
        assertEquals(204, answer.statusCode(), answer::body);
    }

    /** Ends every session of the person at the IdP (Keycloak then sends its back-channel logouts). */
    public void logout(Person person) {
        HttpResponse<String> answer = admin("POST", "/admin/realms/" + person.realm() + "/users/" + person.id() + "/logout", "");
        assertEquals(204, answer.statusCode(), answer::body);
    }

    public void joinGroup(Person person, String group) {
        HttpResponse<String> answer = admin("PUT", "/admin/realms/" + person.realm() + "/users/" + person.id()
                + "/groups/" + groupId(person.realm(), group), "");
        assertEquals(204, answer.statusCode(), answer::body);
    }

    public void leaveGroup(Person person, String group) {
        HttpResponse<String> answer = admin("DELETE", "/admin/realms/" + person.realm() + "/users/" + person.id()
                + "/groups/" + groupId(person.realm(), group), null);
        assertEquals(204, answer.statusCode(), answer::body);
    }

    private String groupId(String realm, String group) {
        HttpResponse<String> answer = admin("GET", "/admin/realms/" + realm + "/groups?exact=true&search="
                + URLEncoder.encode(group, StandardCharsets.UTF_8), null);
        assertEquals(200, answer.statusCode(), answer::body);
        return Json.createReader(new StringReader(answer.body())).readArray().getJsonObject(0).getString("id");
    }

    /**
     * What an app holds after its user signed in at the company IdP: the token response of
     * {@code client} (the password grant stands in for the app's browser sign-in).
     */
    public JsonObject signIn(Person person, String client) {
        HttpResponse<String> answer = post(issuer(person.realm()) + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", client, "username", person.username(), "password", PASSWORD,
                "scope", "openid"));
        assertEquals(200, answer.statusCode(), answer::body);
        return Json.createReader(new StringReader(answer.body())).readObject();
    }

    public String accessToken(Person person, String client) {
        return signIn(person, client).getString("access_token");
    }

    private HttpResponse<String> admin(String method, String path, String json) {
        HttpResponse<String> token = post(BASE + "/realms/master/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", "admin"));
        assertEquals(200, token.statusCode(), token::body);
        String bearer = Json.createReader(new StringReader(token.body())).readObject().getString("access_token");
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
        return send(HttpRequest.newBuilder(URI.create(BASE + path)).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").method(method, body).timeout(Duration.ofSeconds(20)).build());
    }

    private static HttpResponse<String> post(String uri, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(20)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
