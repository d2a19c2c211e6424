package io.chorus.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The cluster of SPEC §8 for the tests, driven through {@code scripts/cluster.sh}, the same script
 * operators run: one Artemis broker, nodes on port offset 100·i, the tests' PostgreSQL. State lives
 * under {@code integration-tests/target/cluster} (the Artemis download is kept between runs).
 */
public final class Cluster implements AutoCloseable {
    /** Not the default 61616, so that a broker someone runs on this machine is never touched. */
    private static final String BROKER_PORT = "61716";
    private static final Path DIR = Path.of("target", "cluster").toAbsolutePath();
    private static final Path SCRIPT = Path.of("..", "scripts", "cluster.sh").toAbsolutePath().normalize();

    private final Map<String, String> nodeEnvironment;
    /** Between the nodes and PostgreSQL, when the test cuts partitions; else null. */
    private final DatabaseLink databaseLink;

    private Cluster(Map<String, String> nodeEnvironment, DatabaseLink databaseLink) {
        this.nodeEnvironment = nodeEnvironment;
        this.databaseLink = databaseLink;
    }

    /** A fresh broker and fresh node directories (the database is the tests' own). */
    public static Cluster fresh() {
        return fresh(Map.of());
    }

    /** The same, its nodes started with these CHORUS_* variables too (e.g. fault injection). */
    public static Cluster fresh(Map<String, String> nodeEnvironment) {
        try {
            Files.createDirectories(DIR);
            // Leftovers of an aborted run first: their pid files are about to go.
            try (Stream<Path> pidFiles = Files.list(DIR)) {
                for (Path pidFile : pidFiles.filter(p -> p.toString().endsWith(".pid")).toList()) {
                    ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            try (Stream<Path> entries = Files.list(DIR)) {
                for (Path entry : entries.filter(p -> p.getFileName().toString().matches("broker.*|node-.*")).toList()) {
                    deleteTree(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Cluster(Map.copyOf(nodeEnvironment), null);
    }

    /** The same cluster, its nodes reaching PostgreSQL through a {@link DatabaseLink} (set before they start). */
    public Cluster throughDatabaseLink() {
        DatabaseLink link = DatabaseLink.to(Integer.getInteger("chorus.pg.port", 15432));
        Map<String, String> environment = new java.util.HashMap<>(nodeEnvironment);
        environment.put("CHORUS_DB_URL", link.jdbcUrl());
        return new Cluster(Map.copyOf(environment), link);
    }

    /**
     * Warnings and errors of the loggers under {@code loggerPrefix} (a regex) from the nodes' logs,
     * each with its stack trace, at most {@code limit} per node: for a test to print what a node said
     * when a client saw a failure, since the next cluster test overwrites these logs.
     */
    public static List<String> logWarnings(String loggerPrefix, int limit) {
        List<String> found = new java.util.ArrayList<>();
        try (Stream<Path> logs = Files.list(DIR)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().matches("node-\\d+\\.log")).sorted().toList()) {
                List<String> lines = Files.readAllLines(log, java.nio.charset.StandardCharsets.ISO_8859_1);
                int entries = 0;
                for (int i = 0; i < lines.size() && entries < limit; i++) {
                    String line = lines.get(i);
                    if (!line.matches(".*(WARNING|SEVERE|ERROR) +\\[" + loggerPrefix + ".*")) {
                        continue;
                    }
                    StringBuilder entry = new StringBuilder(log.getFileName() + ": " + line);
                    for (int j = i + 1; j < lines.size() && j <= i + 60 && lines.get(j).matches("\\s+at .*|Caused by: .*|\\s+\\.\\.\\. .*"); j++) {
                        entry.append('\n').append(lines.get(j));
                    }
                    found.add(entry.toString());
                    entries++;
                }
            }
        } catch (IOException e) {
            found.add("could not read the node logs: " + e);
        }
        return found;
    }

    /** A network partition between every node and PostgreSQL: {@code cut}, or {@code heal}. */
    public Cluster databaseLink(String action) {
        if (databaseLink == null) {
            throw new IllegalStateException("this cluster reaches PostgreSQL directly: see throughDatabaseLink()");
        }
        switch (action) {
            case "cut" -> databaseLink.cut();
            case "heal" -> databaseLink.heal();
            default -> throw new IllegalArgumentException(action);
        }
        return this;
    }

    public Cluster broker(String action) {
        run("broker", action);
        return this;
    }

    /**
     * {@code start} returns once the node is ready; {@code kill} is a kill -9 of its JVM; {@code pause}
     * and {@code resume} SIGSTOP and SIGCONT it; {@code logs-full} and {@code logs-ok} point its log
     * file at /dev/full and back.
     */
    public Cluster node(int i, String action) {
        run("node", action, Integer.toString(i));
        return this;
    }

    /** The tests' PostgreSQL under the cluster: {@code stop}, or {@code resume} with its data. */
    public Cluster db(String action) {
        run("db", action);
        return this;
    }

    public static URI uri(int node) {
        return URI.create("http://127.0.0.1:" + (8080 + 100 * node) + "/");
    }

    private void run(String... args) {
        List<String> command = Stream.concat(Stream.of("/bin/bash", SCRIPT.toString()), Stream.of(args)).toList();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(DIR.resolve("cluster-script.log").toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("CHORUS_"));
        env.put("CHORUS_CLUSTER_DIR", DIR.toString());
        env.put("CHORUS_BROKER_PORT", BROKER_PORT);
        env.put("CHORUS_PG_PORT", System.getProperty("chorus.pg.port", "15432"));
        // No start-up warm-up (cluster.sh's default warms each node for ~2 minutes): the tests restart
        // nodes dozens of times and measure nothing's speed; WarmupReadinessIT tests the warm-up.
        env.put("CHORUS_WARMUP_MESSAGES", "0");
        env.putAll(nodeEnvironment);
        try {
            Process process = builder.start();
            if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " failed; see " + DIR);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills whatever is still running: nodes, then the broker. */
    @Override
    public void close() {
        for (int i = 1; i <= 9; i++) {
            if (Files.exists(DIR.resolve("node-" + i + ".pid"))) {
                node(i, "kill");
            }
        }
        broker("kill");
        if (databaseLink != null) {
            databaseLink.close();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * A fault lasts this long, or traffic runs this long between faults: the scenario itself, not a
     * wait for an outcome (that is Awaitility's).
     */
    public static void hold(java.time.Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
