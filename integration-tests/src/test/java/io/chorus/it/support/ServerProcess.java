package io.chorus.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A WildFly node the test starts itself, beside the Arquillian-managed one: its own copy of
 * {@code standalone/} (configuration, data, deployments with the EAR), a port offset and its own
 * environment. Tests use it where they must stop, kill or restart a server.
 */
public final class ServerProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path baseDir;
    private final int portOffset;
    private final Map<String, String> environment;
    private Process process;

    private ServerProcess(Path baseDir, int portOffset, Map<String, String> environment) {
        this.baseDir = baseDir;
        this.portOffset = portOffset;
        this.environment = environment;
    }

    /**
     * Prepares a node. {@code environment} replaces the CHORUS_* variables the test JVM has, so a
     * node given none runs on its embedded H2 defaults.
     */
    public static ServerProcess prepare(String name, int portOffset, Map<String, String> environment) {
        Path home = jbossHome();
        try {
            Path base = Files.createTempDirectory("chorus-node-" + name + "-");
            Path configuration = base.resolve("configuration");
            copyTree(home.resolve("standalone/configuration"), configuration);
            Files.createDirectories(base.resolve("deployments"));
            Files.copy(Path.of(System.getProperty("chorus.ear")), base.resolve("deployments/chorus.ear"),
                    StandardCopyOption.REPLACE_EXISTING);
            return new ServerProcess(base, portOffset, environment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + (8080 + portOffset) + "/");
    }

    public Path baseDir() {
        return baseDir;
    }

    /** Starts the node and waits until the EAR is deployed and the server reports ready. */
    public ServerProcess start() {
        launch(jbossHome());
        Awaitility.await("node " + baseDir.getFileName() + " ready")
                .atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .until(this::isReady);
        return this;
    }

    /**
     * Starts the node and returns at once, for a test that watches what it answers while it starts
     * (readiness DOWN during the warm-up); {@link #start} waits for the server instead.
     */
    public ServerProcess launch() {
        launch(jbossHome());
        return this;
    }

    private void launch(Path home) {
        List<String> command = List.of("/bin/sh", home.resolve("bin/standalone.sh").toString(),
                "-c", "standalone-full.xml",
                "-Djboss.server.base.dir=" + baseDir,
                "-Djboss.socket.binding.port-offset=" + portOffset,
                "-Djboss.node.name=" + baseDir.getFileName(),
                "-Djboss.tx.node.id=" + baseDir.getFileName().toString().hashCode());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(baseDir.resolve("console.log").toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("CHORUS_") || key.equals("JAVA_OPTS"));
        env.putAll(environment);
        // A test may set its own JAVA_OPTS (FileS3IT caps the heap below the size of a file it sends).
        env.putIfAbsent("JAVA_OPTS", "-Xms128m -Xmx768m -Djava.net.preferIPv4Stack=true");
        env.put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the node expecting its deployment to be refused: waits until the console log shows
     * {@code expected} (and the application never answered), then stops the node.
     */
    public void startExpectingRefusal(String expected) {
        Path home = jbossHome();
        launch(home);
        Path log = baseDir.resolve("console.log");
        try {
            Awaitility.await("node " + baseDir.getFileName() + " refusing to start")
                    .atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> Files.exists(log) && Files.readString(log).contains(expected));
            if (status(baseUri().resolve("/api/me")) == 401) {
                throw new AssertionError("the application answers although it should have refused to start");
            }
        } finally {
            kill();
        }
    }

    /** Ready means the management health check says so and the application answers. */
    private boolean isReady() {
        if (!process.isAlive()) {
            throw new IllegalStateException("node exited, see " + baseDir.resolve("console.log"));
        }
        return status(URI.create("http://127.0.0.1:" + (9990 + portOffset) + "/health/ready")) == 200
                && status(baseUri().resolve("/api/me")) == 401;
    }

    private static int status(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A graceful stop (SIGTERM to the JVM), waiting for the process to end. */
    public void stop() {
        end(false);
    }

    /** kill -9 of the server JVM: nothing gets a chance to flush or shut down. */
    public void kill() {
        end(true);
    }

    private void end(boolean force) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> jvms = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        jvms.forEach(handle -> {
            if (force) {
                handle.destroyForcibly();
            } else {
                handle.destroy();
            }
        });
        jvms.forEach(handle -> handle.onExit().orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join());
        process = null;
    }

    @Override
    public void close() {
        kill();
    }

    private static Path jbossHome() {
        return Path.of(System.getProperty("jboss.home"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The environment of a node on the test PostgreSQL, plus any further CHORUS_* settings. */
    public static Map<String, String> postgres(String... keyValues) {
        Map<String, String> env = env(keyValues);
        env.put("CHORUS_DATASOURCE", "java:jboss/datasources/ChorusPostgresDS");
        env.put("CHORUS_DB_URL", "jdbc:postgresql://127.0.0.1:" + System.getProperty("chorus.pg.port", "15432") + "/chorus");
        env.put("CHORUS_DB_USER", "chorus");
        env.put("CHORUS_DB_PASSWORD", "chorus");
        return env;
    }

    public static Map<String, String> env(String... keyValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return env;
    }
}
