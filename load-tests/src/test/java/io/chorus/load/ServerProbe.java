package io.chorus.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the load generator cannot see from its sockets: the server's heap, RSS, open files and
 * connection gauge, and the CPU time of the server, PostgreSQL, Gatling itself and the rest of the
 * machine. Reads /proc and runs the JDK's jcmd/jstat on the server's PID (`-Dchorus.pid`, else
 * the file load-tests/target-up.sh writes), so it only works on the same host, as these runs are.
 */
final class ServerProbe {

    private static final long HZ = 100; // USER_HZ on Linux

    volatile long pid;
    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    ServerProbe(String base) {
        this.base = base;
        reload();
        if (pid <= 0 || !Files.exists(Path.of("/proc/" + pid))) {
            System.out.println("[probe] no server PID (-Dchorus.pid or /tmp/chorus-load/node.pid): server memory and CPU not measured");
        }
    }

    /** Reads the server's PID again: after a restart of the node (C2cSimulation's `restart`) it is another JVM. */
    void reload() {
        String p = Params.str("chorus.pid", null);
        if (p == null) {
            Path f = Path.of(Params.str("chorus.pidfile", "/tmp/chorus-load/node.pid"));
            try {
                p = Files.exists(f) ? Files.readString(f).trim() : "-1";
            } catch (IOException e) {
                p = "-1";
            }
        }
        this.pid = Long.parseLong(p);
    }

    boolean available() {
        return pid > 0 && Files.exists(Path.of("/proc/" + pid));
    }

    /** Heap in use after a full collection (jcmd GC.run, then jstat), RSS, open files, threads, the connection gauge. */
    Map<String, Object> memory() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("server_connections_gauge", gauge("chorus_connections"));
        if (!available()) {
            return m;
        }
        run("jcmd", Long.toString(pid), "GC.run");
        String jstat = run("jstat", "-gc", Long.toString(pid));
        String[] lines = jstat.trim().split("\n");
        if (lines.length >= 2) {
            String[] names = lines[0].trim().split("\\s+");
            String[] values = lines[1].trim().split("\\s+");
            double used = 0;
            for (int i = 0; i < names.length && i < values.length; i++) {
                if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
                    used += Double.parseDouble(values[i]);
                }
            }
            m.put("heap_used_after_gc_bytes", Math.round(used * 1024));
        }
        m.put("rss_bytes", status("VmRSS") * 1024);
        m.put("threads", status("Threads"));
        try (var s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            m.put("open_files", s.count());
        } catch (IOException e) {
            m.put("open_files", -1);
        }
        return m;
    }

    /** The server's collections so far (jstat -gc: counts and seconds, young, full, concurrent, total). */
    Map<String, Object> gc() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!available()) {
            return m;
        }
        String[] lines = run("jstat", "-gc", Long.toString(pid)).trim().split("\n");
        if (lines.length >= 2) {
            String[] names = lines[0].trim().split("\\s+");
            String[] values = lines[1].trim().split("\\s+");
            for (int i = 0; i < names.length && i < values.length; i++) {
                if (List.of("YGC", "YGCT", "FGC", "FGCT", "CGC", "CGCT", "GCT").contains(names[i])) {
                    m.put(names[i], values[i]);
                }
            }
        }
        return m;
    }

    /** A gauge or counter from the server's /metrics (Prometheus text), or -1. */
    double gauge(String name) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            for (String line : r.body().split("\n")) {
                if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    private long status(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** CPU ticks used so far: server, PostgreSQL (postmaster and its children), this JVM, the whole machine busy, the machine total. */
    long[] cpuTicks() {
        long server = available() ? ticks(pid) : 0;
        long pg = 0;
        long postmaster = postmaster();
        if (postmaster > 0) {
            pg = ticks(postmaster);
            for (long child : children(postmaster)) {
                pg += ticks(child);
            }
        }
        long self = ticks(ProcessHandle.current().pid());
        long busy = 0;
        long total = 0;
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            for (int i = 1; i < f.length && i <= 8; i++) {
                long v = Long.parseLong(f[i]);
                total += v;
                if (i != 4 && i != 5) { // idle, iowait
                    busy += v;
                }
            }
        } catch (IOException e) {
            // left at 0
        }
        return new long[] {server, pg, self, busy, total};
    }

    /** Cores used between two {@link #cpuTicks()} samples, by who. */
    static Map<String, Object> cpuShare(long[] a, long[] b, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        double server = (b[0] - a[0]) / (double) HZ / seconds;
        double pg = (b[1] - a[1]) / (double) HZ / seconds;
        double gatling = (b[2] - a[2]) / (double) HZ / seconds;
        double busy = (b[3] - a[3]) / (double) HZ / seconds;
        m.put("window_seconds", round(seconds));
        m.put("server_cores", round(server));
        m.put("postgresql_cores", round(pg));
        m.put("gatling_cores", round(gatling));
        m.put("everything_else_cores", round(Math.max(0, busy - server - pg - gatling)));
        m.put("machine_busy_cores", round(busy));
        m.put("machine_cores", Runtime.getRuntime().availableProcessors());
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static long postmaster() {
        Path f = Path.of(Params.str("chorus.pgdir", "/tmp/chorus-pg-35432"), "postmaster.pid");
        try {
            return Files.exists(f) ? Long.parseLong(Files.readAllLines(f).get(0).trim()) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static List<Long> children(long parent) {
        List<Long> out = new ArrayList<>();
        ProcessHandle.of(parent).ifPresent(p -> p.children().forEach(c -> out.add(c.pid())));
        return out;
    }

    private static long ticks(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
