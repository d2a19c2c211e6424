package io.chorus.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.Cluster;
import io.chorus.it.support.Db;
import io.chorus.it.support.JimClient;
import io.chorus.it.support.People;
import io.chorus.it.support.Rest;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fault-injection run (docs/RELIABILITY.md): two nodes, the standalone broker and PostgreSQL
 * (scripts/cluster.sh), devices on both dialects sending one-to-one and group messages and
 * reconnecting to a random node whenever their socket goes, while faults are injected one at a
 * time in an order drawn from a fixed seed: PostgreSQL restarted, away for 30 s and cut off by a
 * partition for 30 s, the broker away, a node killed with -9 and started again, a node paused
 * (SIGSTOP) for longer than its lease, a node's log file on a full disk — and all along, each node
 * losing a share of its message events right after their commit, and node 2's clock 5 s ahead
 * ({@code -Dchorus.chaos.skew=}: another offset, or none). {@link HistoryChecker} then holds the histories against the
 * database: every acknowledged message at every recipient device within the bound after the
 * fault healed, in order, without gaps, duplicates only as resends, nothing misrouted.
 *
 * <p>The CI profile injects each fault once (a few minutes). The long profile:
 * {@code -Dchorus.chaos.minutes=70} injects faults in random order until the time is up;
 * {@code -Dchorus.chaos.seed=N} changes the order, {@code -Dchorus.chaos.loss=0.02} the share of lost events,
 * {@code -Dchorus.chaos.faults=DATABASE_CUT_OFF,NODE_PAUSED} injects only those.
 */
class ChaosIT {
    private static final long SEED = Long.getLong("chorus.chaos.seed", 22);
    private static final int MINUTES = Integer.getInteger("chorus.chaos.minutes", 0);
    private static final String LOSS = System.getProperty("chorus.chaos.loss", "0.02");
    /** Node 2's clock offset for the whole run (issue 22: one node's clock 5 s off); empty: none. */
    private static final String SKEW = System.getProperty("chorus.chaos.skew", "+5s");
    /** Only these faults (comma-separated names), e.g. to look at one closely; all of them by default. */
    private static final String FAULTS = System.getProperty("chorus.chaos.faults", "");
    /** The delivery bound of docs/ARCHITECTURE.md: two sweeps and the sweep's own time. */
    private static final Duration BOUND = LostEventsIT.BOUND;
    /** After each heal, traffic goes on this long before the next fault: more than the bound. */
    private static final Duration QUIET = BOUND.plusSeconds(4);
    private static final int NODES = 2;

    private Cluster cluster;
    private final List<ChaosDevice> devices = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        devices.forEach(device -> device.running = false);
        for (Thread thread : threads) {
            thread.interrupt();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void everyAcknowledgedMessage_reachesEveryRecipientDevice_inOrder_withinTheBoundAfterEachFault() throws Exception {
        // Node 2's clock runs 5 s ahead all along (libfaketime; -Dchorus.chaos.skew= sets another offset
        // or none): leases, sweeps and tokens must not care. It costs nothing since cluster.sh turned
        // libfaketime's monotonic fix off (it made every timed wait of the JVM spin).
        Map<String, String> nodes = new java.util.HashMap<>(Map.of("CHORUS_FAULT_LOSE_MESSAGE_EVENTS", LOSS));
        if (!SKEW.isEmpty()) {
            nodes.put("CHORUS_NODE_2_CLOCK_OFFSET", SKEW);
        }
        cluster = Cluster.fresh(nodes).throughDatabaseLink().broker("start");
        for (int i = 1; i <= NODES; i++) {
            cluster.node(i, "start");
        }
        History history = new History();
        AtomicInteger internalErrors = new AtomicInteger();
        History.Cast cast = startDevices(history, internalErrors);
        Awaitility.await("every device connected").atMost(Duration.ofSeconds(60))
                .until(() -> history.connected.stream().map(History.Connected::device).distinct().count() == devices.size());

        Random random = new Random(SEED);
        List<Fault> plan = plan(random);
        long deadline = System.currentTimeMillis() + Duration.ofMinutes(MINUTES).toMillis();
        Cluster.hold(QUIET);
        for (int i = 0; MINUTES == 0 ? i < plan.size() : System.currentTimeMillis() < deadline; i++) {
            Fault fault = MINUTES == 0 ? plan.get(i) : plan.get(random.nextInt(plan.size()));
            int node = 1 + random.nextInt(NODES);
            long start = System.currentTimeMillis();
            fault.inject(cluster, node, MINUTES > 0);
            long healed = System.currentTimeMillis();
            history.faults.add(new History.Fault(fault.name().toLowerCase() + " node " + node, start, healed));
            System.out.printf("[chaos] %s on node %d: %d ms%n", fault, node, healed - start);
            Cluster.hold(QUIET);
        }

        // The end: no new messages; what was refused or unanswered is sent again until acknowledged.
        devices.forEach(device -> device.sending = false);
        Awaitility.await("every send answered").atMost(Duration.ofSeconds(90)).until(() -> devices.stream().allMatch(ChaosDevice::settled));
        // A node paused past its lease notices only at its next heartbeat that it was taken for dead,
        // and closes its sockets then: every device gets the bound from its last reconnect.
        Awaitility.await("every device connected, and the last ack made, a bound ago").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> settledFor(history, BOUND.plusSeconds(2)));
        long runEnd = System.currentTimeMillis();
        devices.forEach(device -> device.running = false);
        for (Thread thread : threads) {
            thread.join(30_000);
        }

        HistoryChecker.Report report = HistoryChecker.check(history, stored(history), cast, BOUND, runEnd);
        System.out.println("[chaos] seed " + SEED + ", " + (MINUTES == 0 ? "CI profile" : MINUTES + " minutes") + ", lost events "
                + LOSS + ": " + report);
        assertTrue(report.passed(), report::toString);
        assertTrue(report.acked() > 100, "the run sent enough to mean something: " + report);
        if (internalErrors.get() > 0) {
            // The edges log a failure at WARNING (REST: SEVERE) exactly when they answer it 'internal'.
            Cluster.logWarnings("io\\.chorus\\.web\\.(dialect|rest)", 20).forEach(entry -> System.out.println("[chaos] node log: " + entry));
        }
        assertEquals(0, internalErrors.get(), "a fault must be answered as unavailable or busy, never as a bug");
        assertSocketsKeptThrough(history, Set.of(Fault.DATABASE_RESTARTED, Fault.DATABASE_AWAY, Fault.DATABASE_CUT_OFF,
                Fault.BROKER_AWAY, Fault.LOGS_ON_FULL_DISK));
    }

    /** Six users, eight devices: /ws only, JIM only, and one user on both; all friends, all in one group. */
    private History.Cast startDevices(History history, AtomicInteger internalErrors) {
        People people = new People(new Rest(Cluster.uri(1)));
        Map<String, TestUser> wsUsers = new LinkedHashMap<>();
        for (String name : List.of("ann", "ben", "cid", "mia")) {
            wsUsers.put(name, people.user(name));
        }
        TestUser jo = people.user("jo");
        TestUser kim = people.user("kim");
        TestUser mia = wsUsers.get("mia");
        List<TestUser> everyone = new ArrayList<>(wsUsers.values());
        everyone.add(jo);
        everyone.add(kim);
        people.befriendAll(everyone.toArray(TestUser[]::new));
        Login owner = people.login(wsUsers.get("ann"), "phone");
        String title = "Chaos " + SEED + " " + System.nanoTime();
        String gid = people.group(owner, title, everyone.subList(1, everyone.size()).toArray(TestUser[]::new));

        Map<String, JsonObject> contacts = new HashMap<>();
        for (TestUser user : everyone) {
            contacts.put(user.uid(), contact(Db.count("select id from app_user where account = ?", user.account()), 1));
        }
        contacts.put(gid, contact(Db.count("select id from chat_group where title = ?", title), 2));

        Map<String, Set<String>> devicesByUser = new HashMap<>();
        List<Login> wsLogins = new ArrayList<>(List.of(owner, people.login(wsUsers.get("ann"), "laptop")));
        for (TestUser user : List.of(wsUsers.get("ben"), wsUsers.get("cid"), mia)) {
            wsLogins.add(people.login(user, "phone"));
        }
        // Every device exists before the first message, so every message is owed to all of them.
        for (TestUser user : List.of(jo, kim, mia)) {
            JimClient.signIn(Cluster.uri(1), user, 1).close();
        }
        long seed = SEED;
        for (Login login : wsLogins) {
            String name = login.user().uid() + "/" + login.did();
            devicesByUser.computeIfAbsent(login.user().uid(), uid -> new LinkedHashSet<>()).add(name);
            devices.add(new WsChaosDevice(name, login, history, seed++, friendsOf(login.user(), everyone), gid, NODES, internalErrors));
        }
        for (TestUser user : List.of(jo, kim, mia)) {
            String name = user.uid() + "/jim-pc";
            devicesByUser.computeIfAbsent(user.uid(), uid -> new LinkedHashSet<>()).add(name);
            devices.add(new JimChaosDevice(name, user, 1, contacts, history, seed++, friendsOf(user, everyone), gid, NODES, internalErrors));
        }
        for (ChaosDevice device : devices) {
            Thread thread = new Thread(device, "chaos " + device.name);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        Set<String> members = new LinkedHashSet<>();
        everyone.forEach(user -> members.add(user.uid()));
        return new History.Cast(devicesByUser, Map.of(gid, members));
    }

    private static List<String> friendsOf(TestUser user, List<TestUser> everyone) {
        return everyone.stream().filter(other -> !other.uid().equals(user.uid())).map(TestUser::uid).toList();
    }

    private static JsonObject contact(long id, int type) {
        return Json.createObjectBuilder().add("id", id).add("t", type).build();
    }

    /** The CI profile: each fault once, in an order drawn from the seed. */
    private static List<Fault> plan(Random random) {
        List<Fault> plan = new ArrayList<>(FAULTS.isBlank() ? List.of(Fault.values())
                : java.util.Arrays.stream(FAULTS.split(",")).map(String::trim).map(Fault::valueOf).toList());
        Collections.shuffle(plan, random);
        return plan;
    }

    /** The run's messages as the database holds them, found by the key in their text. */
    private static List<History.Stored> stored(History history) throws SQLException {
        Map<String, String> senders = new HashMap<>();
        synchronized (history.sent) {
            history.sent.forEach(sent -> senders.putIfAbsent(sent.key(), sent.device()));
        }
        List<History.Stored> stored = new ArrayList<>();
        try (Connection db = Db.connect(); PreparedStatement query = db.prepareStatement("SELECT m.id, m.wire_id, m.conversation_id, "
                + "m.seq, m.payload FROM message m JOIN conversation c ON c.id = m.conversation_id "
                + "WHERE c.kind IN ('C2C', 'C2G') AND m.payload LIKE '%chaos-%'"); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String text;
                try (var reader = Json.createReader(new StringReader(rows.getString(5)))) {
                    text = reader.readObject().getString("text", "");
                }
                String key = ChaosDevice.keyIn(text);
                stored.add(new History.Stored(key, rows.getLong(1), rows.getString(2), rows.getLong(3), rows.getLong(4),
                        senders.getOrDefault(key, "?")));
            }
        }
        return stored;
    }

    /** The devices whose latest connect before {@code at} was not followed by a close before it. */
    private static Set<String> liveAt(History history, long at) {
        Map<String, Long> lastConnect = new HashMap<>();
        Map<String, Long> lastClose = new HashMap<>();
        synchronized (history.connected) {
            history.connected.stream().filter(c -> c.at() < at).forEach(c -> lastConnect.merge(c.device(), c.at(), Math::max));
        }
        synchronized (history.disconnected) {
            history.disconnected.stream().filter(d -> d.at() < at).forEach(d -> lastClose.merge(d.device(), d.at(), Math::max));
        }
        Set<String> live = new LinkedHashSet<>();
        lastConnect.forEach((device, connected) -> {
            if (lastClose.getOrDefault(device, Long.MIN_VALUE) < connected) {
                live.add(device);
            }
        });
        return live;
    }

    /** Every device's socket is up, none opened or closed, and no send acked, for {@code quiet}. */
    private static boolean settledFor(History history, Duration quiet) {
        Map<String, Long> lastConnected = new HashMap<>();
        Map<String, Long> lastDisconnected = new HashMap<>();
        synchronized (history.connected) {
            history.connected.forEach(c -> lastConnected.merge(c.device(), c.at(), Math::max));
        }
        synchronized (history.disconnected) {
            history.disconnected.forEach(d -> lastDisconnected.merge(d.device(), d.at(), Math::max));
        }
        long lastAck;
        synchronized (history.acked) {
            lastAck = history.acked.stream().mapToLong(History.Acked::at).max().orElse(Long.MIN_VALUE);
        }
        long since = System.currentTimeMillis() - quiet.toMillis();
        // The last ack too: a send answered late (sent again at the end) has the same bound as any.
        return lastAck < since && lastConnected.entrySet().stream().allMatch(c -> c.getValue() < since
                && lastDisconnected.getOrDefault(c.getKey(), Long.MIN_VALUE) < c.getValue());
    }

    /**
     * The database or broker away, or a full disk, closes no socket: clients keep theirs and get
     * clear answers. (A killed or paused node closes its own sockets, of course.)
     */
    private static void assertSocketsKeptThrough(History history, Set<Fault> gentle) {
        List<String> closed = new ArrayList<>();
        synchronized (history.faults) {
            for (History.Fault fault : history.faults) {
                boolean isGentle = gentle.stream().anyMatch(kind -> fault.name().startsWith(kind.name().toLowerCase()));
                if (!isGentle) {
                    continue;
                }
                // Only the end of each socket live when the fault began: a device reconnecting after that
                // is refused (unavailable, 1011) while the database is away, the clear answer it should get.
                Set<String> live = liveAt(history, fault.start());
                Set<String> ended = new HashSet<>();
                synchronized (history.disconnected) {
                    history.disconnected.stream().filter(d -> d.at() >= fault.start() && live.contains(d.device()))
                            .sorted(Comparator.comparingLong(History.Disconnected::at))
                            .filter(d -> ended.add(d.device()) && d.at() <= fault.healed() + 2_000)
                            .map(d -> d.device() + " during " + fault.name() + " (" + d.why() + ")").forEach(closed::add);
                }
            }
        }
        assertEquals(List.of(), closed, "sockets closed during faults that must keep them");
    }
}
