package io.chorus.it.group;

import static io.chorus.it.group.Groups.QUIET;
import static io.chorus.it.group.Groups.WAIT;
import static io.chorus.it.support.Frames.ack;
import static io.chorus.it.support.Frames.newId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.it.support.BlackBoxIT;
import io.chorus.it.support.Users.Login;
import io.chorus.it.support.Users.TestUser;
import io.chorus.it.support.WsClient;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Group fan-out at a realistic size: 50 members, 60 devices, a third of them connected while three
 * members send concurrently from their sockets, the rest connecting afterwards to their backlogs.
 * Every device ends with every message exactly once, in seq order, and nothing stays pending.
 */
class GroupFanOutIT extends BlackBoxIT {
    private static final int MEMBERS = 50;
    /** Messages per sending member (the owner, a one-device member, a two-device member). */
    private static final int[] SENT_BY = {7, 7, 6};
    private static final int N = IntStream.of(SENT_BY).sum();
    /** The whole test is meant to take well under a minute; this bounds each parallel phase. */
    private static final long PHASE_SECONDS = 45;

    @Test
    void fiftyMembers_everyDeviceGetsEveryMessageOnce_inSeqOrder_liveOrFromItsBacklog() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        List<Device> devices = new ArrayList<>();
        try {
            // Accounts and devices in parallel: one after the other, password hashing alone would take long.
            List<TestUser> users = inParallel(pool, IntStream.range(0, MEMBERS).boxed().toList(),
                    i -> people.user("fan" + i));
            List<Supplier<Login>> logins = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                TestUser user = users.get(i);
                logins.add(() -> people.login(user, "phone"));
                if (i % 5 == 0) {
                    logins.add(() -> people.login(user, "tablet"));
                }
            }
            List<Login> allLogins = inParallel(pool, logins, Supplier::get);
            // The devices exist before the group: each gets the creation notice, which the connected
            // ones use below as proof that their backlog replay is over before anything is sent.
            Login owner = allLogins.get(0);
            List<String> listed = users.subList(1, MEMBERS).stream().map(TestUser::uid).toList();
            Set<String> everyone = new HashSet<>(users.stream().map(TestUser::uid).toList());
            JsonObject view = Groups.createView(rest, owner, "Fan-out", false, listed);
            String gid = view.getString("gid");
            assertEquals(MEMBERS, view.getInt("member_count"), view::toString);

            // The senders: the owner (index 0, also has a tablet), member 1 (one device), member 5 (two devices).
            List<Login> senders = List.of(owner, phoneOf(allLogins, users.get(1)), phoneOf(allLogins, users.get(5)));
            for (int i = 0; i < allLogins.size(); i++) {
                Login login = allLogins.get(i);
                boolean online = i % 3 == 0 || senders.contains(login);
                devices.add(new Device(login, online));
            }
            List<Device> online = devices.stream().filter(d -> d.online).toList();
            List<Device> offline = devices.stream().filter(d -> !d.online).toList();
            assertFalse(offline.isEmpty());

            // Connect a third of the devices and wait for each one's creation notice.
            inParallel(pool, online, device -> {
                device.connect();
                JsonObject notice = Groups.nextNotice(device.socket, device.login, "group_member_join");
                Set<String> joined = Groups.joined(notice);
                // Every listed member is named; whether the creator is too is the server's choice.
                assertTrue(joined.containsAll(listed) && everyone.containsAll(joined), notice::toString);
                Groups.assertJoinNotice(notice, owner.uid(), device.login.uid(), gid, joined, MEMBERS);
                return device;
            });

            // Collectors on every connected device, then the three senders at once.
            Map<Device, Integer> ownSends = new LinkedHashMap<>();
            for (int s = 0; s < senders.size(); s++) {
                Login sender = senders.get(s);
                ownSends.put(devices.stream().filter(d -> d.login == sender).findFirst().orElseThrow(), SENT_BY[s]);
            }
            List<CompletableFuture<Received>> live = online.stream()
                    .map(d -> CompletableFuture.supplyAsync(() -> d.collect(N - ownSends.getOrDefault(d, 0), ownSends.getOrDefault(d, 0), 0), pool))
                    .toList();
            Map<String, String> sentTexts = new ConcurrentHashMap<>();
            List<CompletableFuture<Void>> sending = ownSends.entrySet().stream()
                    .map(e -> CompletableFuture.runAsync(() -> {
                        for (int k = 0; k < e.getValue(); k++) {
                            String id = newId();
                            String text = e.getKey().login.uid() + " #" + k;
                            sentTexts.put(id, text);
                            e.getKey().send(Groups.c2g(id, gid, text));
                        }
                    }, pool))
                    .toList();
            CompletableFuture.allOf(sending.toArray(CompletableFuture[]::new)).get(PHASE_SECONDS, TimeUnit.SECONDS);
            Map<Device, Received> results = new LinkedHashMap<>();
            for (int i = 0; i < online.size(); i++) {
                results.put(online.get(i), live.get(i).get(PHASE_SECONDS, TimeUnit.SECONDS));
            }

            // What the server acknowledged: seq 1..N, each once, each message's author known.
            Map<Long, JsonObject> acks = new LinkedHashMap<>();
            Map<Long, String> authorOf = new LinkedHashMap<>();
            for (Map.Entry<Device, Integer> sender : ownSends.entrySet()) {
                Received r = results.get(sender.getKey());
                assertEquals(sender.getValue(), r.acks.size(), sender.getKey() + " acks " + r.acks);
                for (JsonObject ack : r.acks) {
                    long seq = ack.getJsonNumber("seq").longValue();
                    assertNull(acks.put(seq, ack), "seq " + seq + " acknowledged twice");
                    authorOf.put(seq, sender.getKey().login.uid());
                }
            }
            assertEquals(LongStream.rangeClosed(1, N).boxed().toList(), new ArrayList<>(new TreeSet<>(acks.keySet())),
                    "gap-free seq 1.." + N);

            // The rest connect now and read their backlogs.
            List<CompletableFuture<Received>> backlog = offline.stream()
                    .map(d -> CompletableFuture.supplyAsync(() -> {
                        d.connect();
                        // Its creation notice too: the backlog goes conversation by conversation, so it may come last.
                        return d.collect(N, 0, 1);
                    }, pool))
                    .toList();
            for (int i = 0; i < offline.size(); i++) {
                results.put(offline.get(i), backlog.get(i).get(PHASE_SECONDS, TimeUnit.SECONDS));
            }

            // Each device: exactly the messages it did not send itself, once each, in seq order.
            List<String> wrong = new ArrayList<>();
            for (Device device : devices) {
                Received r = results.get(device);
                Set<Long> ownSeqs = new HashSet<>();
                r.acks.forEach(a -> ownSeqs.add(a.getJsonNumber("seq").longValue()));
                List<Long> expected = LongStream.rangeClosed(1, N).boxed().filter(seq -> !ownSeqs.contains(seq)).toList();
                List<Long> got = r.messages.stream().map(m -> m.getJsonNumber("seq").longValue()).toList();
                if (!expected.equals(got)) {
                    wrong.add(device + " got seqs " + got + ", expected " + expected);
                    continue;
                }
                for (JsonObject m : r.messages) {
                    JsonObject ack = acks.get(m.getJsonNumber("seq").longValue());
                    if (!m.getString("id").equals(ack.getString("id"))
                            || !m.getString("from").equals(authorOf.get(m.getJsonNumber("seq").longValue()))
                            || !m.getString("to").equals(gid)
                            || !m.getJsonObject("payload").getString("text").equals(sentTexts.get(ack.getString("id")))
                            || m.getJsonNumber("server_ts").longValue() != ack.getJsonNumber("server_ts").longValue()) {
                        wrong.add(device + " got " + m + " for ack " + ack);
                    }
                }
                // The connected ones had their creation notice before; the others find it in their backlog.
                int expectedNotices = device.online ? 0 : 1;
                if (r.notices.size() != expectedNotices) {
                    wrong.add(device + " got notices " + r.notices + ", expected " + expectedNotices);
                }
            }
            assertEquals(List.of(), wrong);

            // Stored once: the history has the N messages; every copy was acknowledged, so nothing is pending.
            JsonObject history = Groups.history(rest, gid, owner, "?limit=200");
            assertEquals(LongStream.rangeClosed(1, N).boxed().toList(), Groups.seqs(history.getJsonArray("messages")));
            assertFalse(history.getBoolean("has_more"));
            List<String> accounts = users.stream().map(TestUser::account).toList();
            Awaitility.await("every copy acknowledged").atMost(WAIT)
                    .until(() -> Groups.pendingDeliveries(accounts) == 0);
        } finally {
            devices.forEach(Device::close);
            pool.shutdownNow();
        }
    }

    private static Login phoneOf(List<Login> logins, TestUser user) {
        return logins.stream().filter(l -> l.user().equals(user) && l.did().equals("phone")).findFirst().orElseThrow();
    }

    private static <T, R> List<R> inParallel(ExecutorService pool, List<T> inputs, Function<T, R> work) throws Exception {
        List<CompletableFuture<R>> futures = inputs.stream().map(in -> CompletableFuture.supplyAsync(() -> work.apply(in), pool)).toList();
        List<R> results = new ArrayList<>();
        for (CompletableFuture<R> future : futures) {
            results.add(future.get(PHASE_SECONDS, TimeUnit.SECONDS));
        }
        return results;
    }

    /** What one device ended with. */
    private record Received(List<JsonObject> messages, List<JsonObject> acks, List<JsonObject> notices) {
    }

    /** One device's socket: written by its sender thread and by its collector, so writes are serialized. */
    private static final class Device {
        final Login login;
        final boolean online;
        volatile WsClient socket;

        Device(Login login, boolean online) {
            this.login = login;
            this.online = online;
        }

        void connect() {
            socket = WsClient.connect(login);
        }

        synchronized void send(String text) {
            socket.send(text);
        }

        /**
         * Reads until {@code messages} group messages, {@code acks} server acks and {@code notices}
         * notices are in, acking every
         * message and notice as it arrives; then proves the acks were handled (ping/pong) and that no
         * extra copy follows.
         */
        Received collect(int messages, int acks, int noticeCount) {
            List<JsonObject> got = new ArrayList<>();
            List<JsonObject> serverAcks = new ArrayList<>();
            List<JsonObject> notices = new ArrayList<>();
            try {
                while (got.size() < messages || serverAcks.size() < acks || notices.size() < noticeCount) {
                    JsonObject frame = socket.nextJson(WAIT);
                    switch (frame.getString("type", "")) {
                        case "C2G" -> {
                            got.add(frame);
                            send(ack("C2G", frame.getString("id"), login.did()));
                        }
                        case "S2C" -> {
                            notices.add(frame);
                            send(ack("S2C", frame.getString("id"), login.did()));
                        }
                        case "C2G_SERVER_ACK" -> serverAcks.add(frame);
                        default -> throw new AssertionError("unexpected frame " + frame);
                    }
                }
                send("ping");
                String pong = socket.nextText(WAIT);
                assertEquals("pong2", pong, "an extra frame after everything expected");
                String extra = socket.pollText(QUIET);
                assertNull(extra, "no copy twice, no resend of an acknowledged one");
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(this + " after " + got.size() + "/" + messages + " messages and "
                        + serverAcks.size() + "/" + acks + " acks: " + e.getMessage(), e);
            }
            return new Received(Collections.unmodifiableList(got), serverAcks, notices);
        }

        void close() {
            if (socket != null) {
                socket.close();
            }
        }

        @Override
        public String toString() {
            return login.user().account() + "/" + login.did() + (online ? " (online)" : " (backlog)");
        }
    }
}
