package io.chorus.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The set-up of a run through the product's own REST API (docs/REST.md): sign-up, log-in, friend
 * request and accept, group creation. Done once, before the measurement, in parallel
 * (`-Dsetup.parallelism`, 16), keeping every access token so the measured phase never logs in.
 */
final class Fixture implements AutoCloseable {

    static final String PASSWORD = "load-test-password";

    record User(int index, String account, String uid, String token) {
    }

    private final String base;
    private final HttpClient http;
    private final ExecutorService pool;

    Fixture(String base) {
        this.base = base;
        int parallelism = Params.integer("setup.parallelism", 16);
        this.pool = Executors.newFixedThreadPool(parallelism);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Signs up `n` users `<prefix>-<i>` (an existing account is reused) and logs each in on device {@link Frames#DID}. */
    List<User> users(String prefix, int n) {
        long t0 = System.nanoTime();
        List<User> users = parallel("sign-up + log-in", n, i -> {
            String account = prefix + "-" + i;
            String creds = "{\"account\":\"" + account + "\",\"password\":\"" + PASSWORD + "\"";
            Response signup = post("/api/auth/signup", null, creds + "}");
            if (signup.status != 201 && signup.status != 409) {
                throw new IllegalStateException("sign-up of " + account + ": " + signup);
            }
            Response login = post("/api/auth/login", null, creds + ",\"did\":\"" + Frames.DID
                    + "\",\"cos\":\"linux\",\"dname\":\"gatling\"}");
            if (login.status != 200) {
                throw new IllegalStateException("log-in of " + account + ": " + login);
            }
            return new User(i, account, Frames.string(login.body, "uid"), Frames.string(login.body, "token"));
        });
        System.out.printf("[setup] %d users signed up and logged in in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        return users;
    }

    /** Makes each pair friends: a asks, b accepts (both friendship rows). */
    void befriend(List<User[]> pairs) {
        long t0 = System.nanoTime();
        parallel("friendships", pairs.size(), i -> {
            User a = pairs.get(i)[0];
            User b = pairs.get(i)[1];
            Response request = post("/api/friends/requests", a.token(), "{\"to\":\"" + b.uid() + "\"}");
            if (request.status != 201 && request.status != 200) {
                throw new IllegalStateException("friend request " + a.account() + " → " + b.account() + ": " + request);
            }
            String id = Frames.string(request.body, "id");
            Response accept = post("/api/friends/requests/" + id + "/accept", b.token(), "{}");
            if (accept.status != 200) {
                throw new IllegalStateException("accept by " + b.account() + ": " + accept);
            }
            return id;
        });
        System.out.printf("[setup] %d friendships in %.1f s%n", pairs.size(), (System.nanoTime() - t0) / 1e9);
    }

    /** Creates one group per entry: owner, then its members; returns the gids in the same order. */
    List<String> groups(String title, List<User> owners, List<List<User>> members) {
        long t0 = System.nanoTime();
        List<String> gids = parallel("groups", owners.size(), i -> {
            StringBuilder uids = new StringBuilder();
            for (User m : members.get(i)) {
                uids.append(uids.length() == 0 ? "" : ",").append('"').append(m.uid()).append('"');
            }
            Response created = post("/api/groups", owners.get(i).token(),
                    "{\"title\":\"" + title + "-" + i + "\",\"members\":[" + uids + "]}");
            if (created.status != 201) {
                throw new IllegalStateException("group " + i + ": " + created);
            }
            return Frames.string(created.body, "gid");
        });
        System.out.printf("[setup] %d groups in %.1f s%n", owners.size(), (System.nanoTime() - t0) / 1e9);
        return gids;
    }

    /** GET {@code path} with the user's token; the body of a 200, else an exception. */
    String get(String path, String token) {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).GET().build();
        try {
            HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(path + ": " + e, e);
        }
    }

    private record Response(int status, String body) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private Response post(String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(path + ": " + e, e);
        }
    }

    /** Runs step(0..n-1) on the pool, prints progress every tenth, and returns the results in order. */
    <T> List<T> parallel(String what, int n, IntFunction<T> step) {
        AtomicInteger done = new AtomicInteger();
        int tenth = Math.max(1, n / 10);
        List<Future<T>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = i;
            futures.add(pool.submit(() -> {
                T t = step.apply(k);
                int d = done.incrementAndGet();
                if (d % tenth == 0) {
                    System.out.printf("[setup] %s: %d/%d%n", what, d, n);
                }
                return t;
            }));
        }
        List<T> out = new ArrayList<>(n);
        try {
            for (Future<T> f : futures) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            throw new IllegalStateException("set-up failed (" + what + "): " + e.getCause().getMessage(), e.getCause());
        }
        return out;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
