package io.chorus.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The run's parameters: system properties (`-Dname=value` on the Maven command line) with defaults. */
final class Params {

    private Params() {
    }

    static String str(String name, String fallback) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    static int integer(String name, int fallback) {
        return Integer.parseInt(str(name, Integer.toString(fallback)));
    }

    static double decimal(String name, double fallback) {
        return Double.parseDouble(str(name, Double.toString(fallback)));
    }

    /** "60s", "2m", "500ms", or a bare number of seconds. */
    static Duration duration(String name, String fallback) {
        String v = str(name, fallback).toLowerCase();
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
        }
        if (v.endsWith("m")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60_000));
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
    }

    /** The server under test, `-Dchorus.base` (load-tests/target-up.sh starts one on 10080). */
    static String base() {
        return str("chorus.base", "http://127.0.0.1:10080");
    }

    static String wsBase() {
        return base().replaceFirst("^http", "ws");
    }

    /**
     * Source addresses for the sockets, `-Daddresses=N` (127.0.0.2 … 127.0.0.(N+1)): each address has
     * its own 28,000 ephemeral ports and its own per-address connect budget on the server, so the
     * scenarios scale past one address without raising that limit.
     */
    static List<String> localAddresses() {
        int n = integer("addresses", 20);
        List<String> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add("127.0." + ((i + 2) / 254) + "." + ((i + 2) % 254));
        }
        return list;
    }

    /** A short tag that makes this run's account names and message ids unique. */
    static String runTag(String scenario) {
        return str("prefix", scenario + Long.toString(System.currentTimeMillis() / 1000 % 100_000_000L, 36));
    }
}
