package io.chorus.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One HTTP/1.1 exchange over a plain socket bound to a chosen loopback source address (any of
 * 127.0.0.0/8 reaches the server), for the per-address limits: the JDK's HTTP client cannot choose
 * its source address. Only what those tests need: a request, then the status line, headers and body.
 */
public final class RawHttp {
    private RawHttp() {
    }

    public record Answer(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }
    }

    /** A JSON POST from {@code source}. */
    public static Answer postJson(String source, URI base, String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return exchange(source, base, "POST " + path + " HTTP/1.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n", body);
    }

    /** A WebSocket upgrade request from {@code source}; the answer is 101 when the upgrade happened. */
    public static Answer upgrade(String source, URI base, String path, Map<String, String> headers) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return exchange(source, base, head.toString(), new byte[0]);
    }

    private static Answer exchange(String source, URI base, String head, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            socket.setSoTimeout(10_000);
            // An upgrade carries "Connection: Upgrade" already; its socket is closed after the answer anyway.
            String connection = head.contains("Upgrade: websocket") ? "" : "Connection: close\r\n";
            String request = head + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n" + connection + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String[] lines = readHead(in).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            String text = "";
            String length = headers.get("content-length");
            if (status != 101 && length != null) {
                text = new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
            }
            return new Answer(status, headers, text);
        } catch (IOException e) {
            throw new UncheckedIOException("HTTP exchange from " + source + " failed", e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the end of the headers: " + head);
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3)) ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1).trim();
    }
}
