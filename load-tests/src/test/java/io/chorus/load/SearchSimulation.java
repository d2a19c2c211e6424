package io.chorus.load;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;

/**
 * search: full-text search (`GET /api/conversations/search`, docs/REST.md "Search") over a
 * database of `messages` text messages (100,000), the target being p99 < 100 ms.
 *
 * <p>Set-up through the product's API: `users` users, `heavy` of them with `heavy.conversations`
 * one-to-one conversations each (friends of that many of the others), every other user also a
 * friend of its next `ring` users. Then the fill: every user connects to `/ws` and sends its share
 * of the messages as `C2C` (the send path of the c2c scenario, group-committed), each waiting for
 * its server ack before the next (so the server's send queue never overflows) and at most one per
 * 25 ms (inside the per-device send budget); each message goes to a conversation drawn at random,
 * its text from {@link SearchCorpus}. Every receiver acknowledges on arrival. The fill ends when
 * every message is server-acknowledged and delivered; then the stored count is checked through the
 * API (each conversation's last `seq` from `GET /api/conversations`, summed, must be `messages`).
 *
 * <p>Measurement: `concurrency` virtual users, each searching without pause (closed loop), for
 * `warmup` (not measured) and then `duration`, as one of the searchers (the heavy users and
 * `searchers.light` users with a few conversations), cycling through six kinds of query: a common
 * word, a mid-frequency word, a rare word, two words, a hyphenated phrase, a CJK phrase. Every
 * answer's hit count is checked against what the corpus model says it must be (`limit` at most), so
 * a wrong answer is a failed request. Reports p50/p95/p99 per kind and overall, searches/s, and
 * the cores used; a Gatling assertion fails the run if the measured searches' p99 is not under
 * `target.p99.ms` (100) or any of them failed.
 */
public class SearchSimulation extends Simulation {

    private static final String[] KINDS = {"common", "mid", "rare", "two_words", "phrase", "cjk"};

    private final int messages = Params.integer("messages", 100_000);
    private final int userCount = Params.integer("users", 1000);
    private final int heavy = Params.integer("heavy", 5);
    private final int heavyConversations = Params.integer("heavy.conversations", 900);
    private final int ring = Params.integer("ring", 1);
    private final int lightSearchers = Params.integer("searchers.light", 15);
    private final int concurrency = Params.integer("concurrency", 4);
    private final Duration duration = Params.duration("duration", "60s");
    private final Duration warmup = Params.duration("warmup", "20s");
    private final int limit = Params.integer("limit", 20);
    private final int targetP99 = Params.integer("target.p99.ms", 100);
    private final int vocabulary = Params.integer("vocabulary", 5000);
    private final long seed = Params.integer("seed", 1);
    private final Duration fillTimeout = Params.duration("fill.timeout", "900s");
    private final Duration fillPace = Params.duration("fill.pace", "25ms");
    private final String tag = Params.runTag("search");
    private final Recorder recorder = new Recorder("search-fill", tag, userCount);
    private final ServerProbe probe = new ServerProbe(Params.base());
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private final AtomicInteger nextFill = new AtomicInteger();
    private final AtomicInteger connected = new AtomicInteger();
    private final AtomicLong fillStart = new AtomicLong();
    private final AtomicLong fillSent = new AtomicLong();
    private final AtomicLong fillSettled = new AtomicLong();
    private final AtomicInteger nextSearcher = new AtomicInteger();
    private volatile boolean stored;
    private volatile long measureFrom = Long.MAX_VALUE;
    private volatile long measureUntil = Long.MAX_VALUE;

    // The corpus: message m is in conversation convOf[m], sent by sender[m], text texts[m].
    private volatile List<Fixture.User> users;
    private String[] texts;
    private int[] sender;
    private int[] peer;
    private int[][] queue;
    private List<int[]> conversations;
    private int[] perConversation;
    /** Per searcher: its user index, then per query its text, kind and expected hit count. */
    private final List<Searcher> searchers = new ArrayList<>();

    private record Query(String kind, String q, int matches) {
    }

    private record Searcher(int user, List<Query> queries) {
    }

    private final Map<String, ConcurrentHistogram> latency = new ConcurrentHashMap<>();
    private final ConcurrentHistogram all = new ConcurrentHistogram(3);
    private final LongAdder searches = new LongAdder();
    private final LongAdder hitsReturned = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    // ---- fill --------------------------------------------------------------------------------

    private final ChainBuilder fillOne = exec(session -> {
        int m = queue[session.getInt("i")][session.getInt("k")];
        String id = tag + "." + m;
        long now = System.currentTimeMillis();
        recorder.sent(id, now, 1);
        fillSent.incrementAndGet();
        return session.set("id", id)
                .set("frame", Frames.text("C2C", id, users.get(peer[m]).uid(), texts[m], now, session.getInt("k") + 1));
    }).tryMax(5, "try").on(
            doIfRetry(),
            ws("fill C2C").sendText("#{frame}").await(Duration.ofSeconds(60)).on(
                    ws.checkTextMessage("C2C_SERVER_ACK").matching(substring("\"#{id}\""))
                            .check(substring("\"C2C_SERVER_ACK\""))));

    private static ChainBuilder doIfRetry() {
        // A refusal (server_busy, rate_limited) is retried with the same id (sends are idempotent by id).
        return exec(session -> session).doIf(session -> session.getInt("try") > 0).then(pause(Duration.ofSeconds(1)));
    }

    private final ScenarioBuilder fill = scenario("fill")
            .exec(session -> {
                fillStart.compareAndSet(0, System.currentTimeMillis());
                int i = nextFill.getAndIncrement();
                return session.set("i", i).set("token", users.get(i).token()).set("t0", System.currentTimeMillis());
            })
            .exec(Chorus.connect())
            .exitHereIfFailed()
            .exec(session -> {
                connected.incrementAndGet();
                return session;
            })
            // Every device online before the first send, so each message is delivered live.
            .asLongAs(session -> connected.get() < userCount && System.currentTimeMillis() - session.getLong("t0") < 120_000)
            .on(pause(Duration.ofMillis(100)))
            .repeat(session -> queue[session.getInt("i")].length, "k").on(pace(fillPace).exec(fillOne))
            // Stay connected (acknowledging) until every message of the fill is stored and delivered.
            .asLongAs(session -> !settled() && System.currentTimeMillis() - fillStart.get() < fillTimeout.toMillis())
            .on(pause(Duration.ofMillis(200)))
            .exec(ws("close").close());

    private boolean settled() {
        boolean done = recorder.serverAcked() >= messages && recorder.delivered() >= messages;
        if (done) {
            fillSettled.compareAndSet(0, System.currentTimeMillis());
        }
        return done;
    }

    // ---- stored? ------------------------------------------------------------------------------

    private final ScenarioBuilder verify = scenario("verify stored").exec(session -> {
        long t0 = System.currentTimeMillis();
        long counted = -1;
        int polls = 0;
        try (Fixture fixture = new Fixture(Params.base())) {
            while (System.currentTimeMillis() - t0 < 60_000) {
                polls++;
                counted = storedCount(fixture);
                if (counted == messages) {
                    break;
                }
                Thread.sleep(1000); // a bounded poll of the server's own answer, nothing else to wait on
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            System.out.println("[search] stored-count check failed: " + e);
        }
        stored = counted == messages;
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("messages_expected", messages);
        v.put("messages_stored_by_the_api", counted);
        v.put("polls", polls);
        v.put("check_seconds", Recorder.round((System.currentTimeMillis() - t0) / 1000.0));
        extra.put("stored_check", v);
        System.out.printf("[search] stored: %d of %d (%d polls)%n", counted, messages, polls);
        measureFrom = System.currentTimeMillis() + warmup.toMillis();
        measureUntil = measureFrom + duration.toMillis();
        return session;
    });

    /**
     * Messages stored, as the API tells it: every conversation has a light user in it (the heavy
     * users only talk to light ones), so asking each light user for its conversations sees each one;
     * a conversation's messages are seq 1…last.
     */
    private long storedCount(Fixture fixture) {
        ObjectMapper json = new ObjectMapper();
        Map<String, Integer> indexOf = new HashMap<>();
        users.forEach(u -> indexOf.put(u.uid(), u.index()));
        List<Map<Long, Long>> seen = fixture.parallel("stored check", userCount - heavy, n -> {
            Fixture.User u = users.get(heavy + n);
            Map<Long, Long> lasts = new HashMap<>();
            try {
                for (JsonNode c : json.readTree(fixture.get("/api/conversations", u.token()))) {
                    if ("C2C".equals(c.path("type").asText()) && indexOf.containsKey(c.path("id").asText())) {
                        long other = indexOf.get(c.path("id").asText());
                        long key = Math.min(u.index(), other) * 1_000_000L + Math.max(u.index(), other);
                        lasts.put(key, c.path("last").path("seq").asLong(0));
                    }
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            return lasts;
        });
        Map<Long, Long> merged = new HashMap<>();
        seen.forEach(merged::putAll);
        return merged.values().stream().mapToLong(Long::longValue).sum();
    }

    // ---- search -------------------------------------------------------------------------------

    private final ChainBuilder searchOnce = exec(session -> {
        long n = session.getLong("n");
        Searcher s = searchers.get((int) ((session.getInt("v") + n * 7) % searchers.size()));
        String kind = KINDS[(int) (n % KINDS.length)];
        List<Query> ofKind = s.queries().stream().filter(q -> q.kind().equals(kind)).toList();
        Query q = ofKind.get((int) ((n / KINDS.length) % ofKind.size()));
        return session.set("n", n + 1).set("stoken", users.get(s.user()).token()).set("q", q.q()).set("kind", kind)
                .set("expected", Math.min(limit, q.matches()));
    });

    private ChainBuilder search(String name) {
        return exec(http(name).get("/api/conversations/search").queryParam("q", "#{q}").queryParam("limit", limit)
                .header("Authorization", "Bearer #{stoken}")
                .check(responseTimeInMillis().saveAs("rt"), status().is(200),
                        jsonPath("$.results[*]").count().is(session -> session.getInt("expected"))));
    }

    private Session measured(Session session) {
        if (session.contains("rt")) {
            long rt = session.getInt("rt");
            all.recordValue(rt);
            latency.computeIfAbsent(session.getString("kind"), k -> new ConcurrentHistogram(3)).recordValue(rt);
            searches.increment();
            if (session.isFailed()) {
                failures.computeIfAbsent(session.getString("kind"), k -> new LongAdder()).increment();
            } else {
                hitsReturned.add(session.getInt("expected"));
            }
        }
        return session.remove("rt").markAsSucceeded();
    }

    private final ScenarioBuilder searchScenario = scenario("search")
            .exec(session -> session.set("v", nextSearcher.getAndIncrement()).set("n", 0L))
            .doIf(session -> stored).then(
                    asLongAs(session -> System.currentTimeMillis() < measureFrom)
                            .on(exec(searchOnce).exec(search("warm-up search")).exec(session -> session.markAsSucceeded()))
                            .asLongAs(session -> System.currentTimeMillis() < measureUntil)
                            .on(exec(searchOnce).exec(search("search")).exec(this::measured)));

    private final ScenarioBuilder cpu = Chorus.cpuProbe(probe, () -> measureFrom, duration, extra);

    {
        setUp(fill.injectOpen(atOnceUsers(userCount))
                .andThen(verify.injectOpen(atOnceUsers(1))
                        .andThen(searchScenario.injectOpen(atOnceUsers(concurrency)), cpu.injectOpen(atOnceUsers(1)))))
                .protocols(Chorus.protocol(recorder, false))
                .assertions(details("search").responseTime().percentile(99.0).lt(targetP99),
                        details("search").failedRequests().count().is(0L),
                        details("search").allRequests().count().gt(0L))
                .maxDuration(fillTimeout.plus(warmup).plus(duration).plusMinutes(5));
    }

    // ---- set-up -------------------------------------------------------------------------------

    @Override
    public void before() {
        System.out.printf("[search] %d messages, %d users (%d with %d conversations, the rest in a ring of %d), "
                + "%d searchers at concurrency %d for %s after %s warm-up, run %s%n", messages, userCount, heavy,
                heavyConversations, ring, heavy + lightSearchers, concurrency, duration, warmup, tag);
        int light = userCount - heavy;
        if (heavyConversations > light || heavy < 0 || ring >= light / 2) {
            throw new IllegalArgumentException("heavy.conversations must be at most users - heavy, ring less than half of them");
        }
        // Users 0…heavy-1 are the heavy ones; conversations are pairs {asker, accepter}.
        conversations = new ArrayList<>();
        for (int h = 0; h < heavy; h++) {
            for (int j = 0; j < heavyConversations; j++) {
                conversations.add(new int[] {heavy + (j + h * (light / Math.max(1, heavy))) % light, h});
            }
        }
        for (int n = 0; n < light; n++) {
            for (int d = 1; d <= ring; d++) {
                conversations.add(new int[] {heavy + n, heavy + (n + d) % light});
            }
        }
        buildCorpus();
        try (Fixture fixture = new Fixture(Params.base())) {
            users = fixture.users(tag, userCount);
            List<Fixture.User[]> pairs = new ArrayList<>();
            for (int[] c : conversations) {
                pairs.add(new Fixture.User[] {users.get(c[0]), users.get(c[1])});
            }
            fixture.befriend(pairs);
        }
        Map<String, Integer> byUid = new HashMap<>();
        users.forEach(u -> byUid.put(u.uid(), u.index()));
        recorder.receivers(byUid);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("messages", messages);
        p.put("users", userCount);
        p.put("heavy_users", heavy);
        p.put("heavy_conversations_each", heavyConversations);
        p.put("ring", ring);
        p.put("conversations", conversations.size());
        p.put("searchers", searchers.size());
        p.put("concurrency", concurrency);
        p.put("warmup_s", warmup.toSeconds());
        p.put("duration_s", duration.toSeconds());
        p.put("limit", limit);
        p.put("vocabulary", vocabulary);
        p.put("seed", seed);
        p.put("target_p99_ms", targetP99);
        extra.put("parameters", p);
    }

    /** The messages (conversation, sender, text), each sender's queue, and each searcher's queries with their expected hits. */
    private void buildCorpus() {
        long t0 = System.nanoTime();
        SearchCorpus corpus = new SearchCorpus(vocabulary, seed);
        Random r = new Random(seed);
        texts = new String[messages];
        sender = new int[messages];
        peer = new int[messages];
        perConversation = new int[conversations.size()];
        int[] sends = new int[userCount];
        int[] convOf = new int[messages];
        for (int m = 0; m < messages; m++) {
            int c = r.nextInt(conversations.size());
            int[] pair = conversations.get(c);
            // A heavy user (index < heavy) sends 1 in 20 of its conversations' messages: its device
            // would otherwise send thousands, one per 25 ms at most.
            boolean first = pair[1] < heavy ? r.nextInt(20) != 0 : r.nextBoolean();
            sender[m] = first ? pair[0] : pair[1];
            peer[m] = first ? pair[1] : pair[0];
            texts[m] = corpus.text(r);
            convOf[m] = c;
            perConversation[c]++;
            sends[sender[m]]++;
        }
        queue = new int[userCount][];
        for (int u = 0; u < userCount; u++) {
            queue[u] = new int[sends[u]];
        }
        int[] fillAt = new int[userCount];
        for (int m = 0; m < messages; m++) {
            queue[sender[m]][fillAt[sender[m]]++] = m;
        }
        // Searchers: the heavy users and light ones spread over the rest.
        List<Integer> who = new ArrayList<>();
        for (int h = 0; h < heavy; h++) {
            who.add(h);
        }
        int light = userCount - heavy;
        for (int s = 0; s < lightSearchers; s++) {
            who.add(heavy + (int) ((long) s * light / Math.max(1, lightSearchers)));
        }
        Map<Integer, List<String[]>> readable = new HashMap<>();
        for (int u : who) {
            readable.put(u, new ArrayList<>());
        }
        for (int m = 0; m < messages; m++) {
            int[] pair = conversations.get(convOf[m]);
            for (int u : pair) {
                List<String[]> mine = readable.get(u);
                if (mine != null) {
                    mine.add(SearchCorpus.tokens(texts[m]));
                }
            }
        }
        Random qr = new Random(seed + 1);
        String[] words = corpus.words;
        int perKind = 8;
        for (int u : who) {
            List<Query> queries = new ArrayList<>();
            for (String kind : KINDS) {
                for (int k = 0; k < perKind; k++) {
                    String q = switch (kind) {
                        case "common" -> words[qr.nextInt(20)];
                        case "mid" -> words[100 + qr.nextInt(900)];
                        case "rare" -> words[Math.min(words.length - 1, 2500 + qr.nextInt(Math.max(1, words.length - 2500)))];
                        case "two_words" -> words[20 + qr.nextInt(280)] + " " + words[20 + qr.nextInt(280)];
                        case "phrase" -> SearchCorpus.PHRASES[qr.nextInt(SearchCorpus.PHRASES.length)];
                        default -> SearchCorpus.CJK_QUERIES[qr.nextInt(SearchCorpus.CJK_QUERIES.length)];
                    };
                    List<String[]> terms = SearchCorpus.terms(q);
                    int matches = 0;
                    for (String[] message : readable.get(u)) {
                        if (SearchCorpus.matches(message, terms)) {
                            matches++;
                        }
                    }
                    queries.add(new Query(kind, q, matches));
                }
            }
            searchers.add(new Searcher(u, queries));
        }
        int maxSends = 0;
        for (int s : sends) {
            maxSends = Math.max(maxSends, s);
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("conversations", conversations.size());
        c.put("messages_readable_by_a_heavy_user", heavy > 0 ? readable.get(0).size() : 0);
        c.put("messages_readable_by_a_light_searcher", lightSearchers > 0 ? readable.get(who.get(heavy)).size() : 0);
        c.put("most_sends_by_one_device", maxSends);
        c.put("cjk_share_of_messages", Recorder.round(countCjk() / (double) messages));
        extra.put("corpus", c);
        System.out.printf("[search] corpus built in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, c);
    }

    private long countCjk() {
        long n = 0;
        for (String t : texts) {
            if (t.codePoints().anyMatch(SearchCorpus::cjk)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void after() {
        Map<String, Object> s = new LinkedHashMap<>(extra);
        Object cpu = s.remove("cpu_during_sends"); // Chorus.cpuProbe's name: here the measured searches
        if (cpu != null) {
            s.put("cpu_during_searches", cpu);
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("sent", fillSent.get());
        f.put("fill_seconds", fillSettled.get() == 0 ? -1 : Recorder.round((fillSettled.get() - fillStart.get()) / 1000.0));
        f.put("messages_per_s", fillSettled.get() == 0 ? -1
                : Recorder.round(messages * 1000.0 / Math.max(1, fillSettled.get() - fillStart.get())));
        s.put("fill", f);
        Map<String, Object> m = new LinkedHashMap<>();
        double seconds = duration.toMillis() / 1000.0;
        m.put("searches", searches.sum());
        m.put("searches_per_s", Recorder.round(searches.sum() / seconds));
        m.put("failed", failures.values().stream().mapToLong(LongAdder::sum).sum());
        m.put("hits_returned", hitsReturned.sum());
        m.put("latency_ms", Recorder.percentiles(all));
        Map<String, Object> byKind = new LinkedHashMap<>();
        for (String k : KINDS) {
            ConcurrentHistogram h = latency.get(k);
            if (h != null) {
                Map<String, Object> p = Recorder.percentiles(h);
                p.put("failed", failures.containsKey(k) ? failures.get(k).sum() : 0);
                byKind.put(k, p);
            }
        }
        m.put("latency_ms_by_kind", byKind);
        long p99 = all.getTotalCount() > 0 ? all.getValueAtPercentile(99) : -1;
        m.put("p99_under_target", all.getTotalCount() > 0 && p99 < targetP99);
        s.put("search", m);
        Map<String, Object> queries = new LinkedHashMap<>();
        for (Searcher sr : searchers.subList(0, Math.min(2, searchers.size()))) {
            queries.put(users == null ? "searcher-" + sr.user() : users.get(sr.user()).account(),
                    sr.queries().stream().map(q -> q.kind() + ":" + q.q() + "=" + q.matches()).toList());
        }
        s.put("sample_queries_with_matches", queries);
        Recorder.report("search", tag, recorder.summary(s));
    }
}
