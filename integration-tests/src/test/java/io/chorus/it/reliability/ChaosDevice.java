package io.chorus.it.reliability;

import io.chorus.it.support.Cluster;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One device of the fault-injection run, on its own thread: it connects to a random node, sends a
 * message now and then (to a random friend, or to the group) with a unique key in its text,
 * records what the server answers and every message it gets, and reconnects to a random node
 * whenever its socket closes or cannot be opened. It writes only to the shared {@link History}.
 */
abstract class ChaosDevice implements Runnable {
    /** How long a send may wait for its answer before the device takes the socket for dead. */
    static final long ANSWER_TIMEOUT_MILLIS = 15_000;
    /** Why a /ws device closed its own socket: a send unanswered for {@link #ANSWER_TIMEOUT_MILLIS}. */
    static final String ANSWER_TIMEOUT = "no answer within 15 s";
    private static final String KEY_PREFIX = "chaos-";

    final String name;
    final History history;
    final Random random;
    final List<String> friends;
    final String group;
    // Sends whose answer is still owed: a refused or unanswered one is sent again, as clients do.
    final Deque<Outgoing> unanswered = new ArrayDeque<>();
    private final AtomicInteger serial = new AtomicInteger();
    private final int nodes;
    volatile boolean sending = true;
    volatile boolean running = true;
    /** The node of the current (or last) session. */
    private volatile int node;
    /** Error answers that said "internal": a fault must never look like a bug to a client. */
    final AtomicInteger internalErrors;

    ChaosDevice(String name, History history, long seed, List<String> friends, String group, int nodes, AtomicInteger internalErrors) {
        this.name = name;
        this.history = history;
        this.random = new Random(seed);
        this.friends = friends;
        this.group = group;
        this.nodes = nodes;
        this.internalErrors = internalErrors;
    }

    /** A message this device sends: its key, and whether it goes to the group or to a friend's uid. */
    record Outgoing(String key, String clientId, boolean toGroup, String to) {
    }

    /**
     * Counts an error answer that said "internal", and prints it with the time and node, so that a
     * failed run's output leads to the node's log line with the cause (the logs are overwritten by
     * the next cluster test).
     */
    void answeredInternal(String answer) {
        internalErrors.incrementAndGet();
        System.out.printf("[chaos] %s on node %d was answered 'internal' at %s: %s%n", name, node, java.time.Instant.now(), answer);
    }

    /** The key in a message text, or null for a text that is not one of the run's. */
    static String keyIn(String text) {
        int at = text == null ? -1 : text.indexOf(KEY_PREFIX);
        if (at < 0) {
            return null;
        }
        int end = at;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return text.substring(at, end);
    }

    Outgoing nextMessage() {
        String key = KEY_PREFIX + name.replace('/', '.') + "-" + serial.incrementAndGet();
        boolean toGroup = random.nextInt(3) == 0;
        String to = toGroup ? group : friends.get(random.nextInt(friends.size()));
        return new Outgoing(key, Long.toHexString(random.nextLong() & Long.MAX_VALUE) + serial.get(), toGroup, to);
    }

    static String text(Outgoing message) {
        return "chaos " + message.key();
    }

    /** Whether everything this device sent has an answer it can rest on. */
    boolean settled() {
        synchronized (unanswered) {
            return unanswered.isEmpty();
        }
    }

    @Override
    public void run() {
        while (running) {
            node = 1 + random.nextInt(nodes);
            try {
                session(Cluster.uri(node), node);
            } catch (Throwable failed) {
                // Node down, refused, socket broken: a real client waits a moment and tries a node again.
            }
            pause(200 + random.nextInt(800));
        }
    }

    /** One socket's life on the node at {@code base}: returns when it closed (or {@link #running} ended). */
    abstract void session(URI base, int node) throws Exception;

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
