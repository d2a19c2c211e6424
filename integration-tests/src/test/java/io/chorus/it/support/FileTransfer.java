package io.chorus.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/** Uploads and downloads of files over the REST API (docs/FILES.md), and test content to send. */
public final class FileTransfer {
    /** Zeros at the start of random content: no file signature (see {@link #randomContent}). */
    private static final int NEUTRAL_PREFIX = 8;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    public FileTransfer(URI base) {
        this.base = base;
    }

    public record Uploaded(int status, String body) {
        public JsonObject json() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        public String id() {
            return json().getString("id");
        }

        public String reason() {
            return json().getString("reason");
        }
    }

    public record Downloaded(int status, HttpResponse<byte[]> response) {
        public byte[] bytes() {
            return response.body();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    public Uploaded upload(String token, String type, String id, String name, byte[] bytes) {
        return upload(token, type, id, name, HttpRequest.BodyPublishers.ofByteArray(bytes));
    }

    /** A streamed body of {@code length} bytes from {@code stream}, never held whole by the test either. */
    public Uploaded upload(String token, String type, String id, String name, Supplier<InputStream> stream, long length) {
        return upload(token, type, id, name, HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(stream), length));
    }

    private Uploaded upload(String token, String type, String id, String name, HttpRequest.BodyPublisher body) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/conversations/" + type + "/" + id + "/files?name="
                        + URLEncoder.encode(name, StandardCharsets.UTF_8)))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream")
                .POST(body).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Uploaded(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Any request with a byte body (tus: POST to create, HEAD, PATCH); the answer as bytes with its headers. */
    public Downloaded exchange(String method, String token, String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Downloaded(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Downloaded download(String token, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(5)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Downloaded(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The SHA-256 of a download streamed through, without keeping it. */
    public String downloadSha256(String token, String fid) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/files/" + fid)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token).GET().build();
        try {
            HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new AssertionError("download of " + fid + " answered " + response.statusCode());
                }
                return sha256(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    public static String sha256(InputStream in) throws IOException {
        MessageDigest sha = digest();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            sha.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deterministic pseudo-random bytes, {@code length} of them, made as they are read. */
    public static InputStream generated(long seed, long length) {
        return new InputStream() {
            private long left = length;
            private long state = seed;

            @Override
            public int read() {
                if (left <= 0) {
                    return -1;
                }
                boolean start = length - left < NEUTRAL_PREFIX;
                left--;
                state = state * 6364136223846793005L + 1442695040888963407L;
                return start ? 0 : (int) (state >>> 56) & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) read();
                }
                return n;
            }
        };
    }

    /**
     * Random content of {@code size} bytes that the server's type detection takes for no format. Plain
     * random bytes begin with a file signature often enough to flake a suite ({@code MZ}, an
     * executable the server refuses, is 1 in 65,536; {@code #!} too), so the first bytes are zeros,
     * which begin nothing it refuses. {@link #generated} streams start the same way.
     */
    public static byte[] randomContent(int size) {
        byte[] bytes = new byte[size];
        fillRandom(bytes);
        return bytes;
    }

    /** Fills {@code bytes} as {@link #randomContent} makes them. */
    public static void fillRandom(byte[] bytes) {
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(bytes);
        java.util.Arrays.fill(bytes, 0, Math.min(NEUTRAL_PREFIX, bytes.length), (byte) 0);
    }

    /** A real PNG of the given size (a gradient, so it does not compress to nothing). */
    public static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | ((x + y) & 0xff));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static BufferedImage image(byte[] bytes) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
