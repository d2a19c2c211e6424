package io.chorus.standin.push;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;

/**
 * APNs as strict as Apple's, on 127.0.0.1: HTTP/2 over TLS only (ALPN {@code h2}, a certificate
 * made by {@code keytool} for the test), {@code POST /3/device/<hex token>} with a provider token
 * that must be an ES256 JWT verifying against the team's key, with the expected {@code kid} and
 * {@code iss} and an {@code iat} at most an hour old; {@code apns-topic} must be the app's bundle
 * id, {@code apns-push-type} {@code alert}, the body JSON with an {@code aps} dictionary. A refused
 * push is answered as Apple does (403 {@code InvalidProviderToken} / {@code ExpiredProviderToken},
 * 400 {@code TopicDisallowed} / {@code BadPayload}...) and recorded in {@link #failures()}: a test
 * asserts that list is empty, or takes out the refusals it caused on purpose.
 *
 * <p>The client trusts it through {@link #trustStore()} (PKCS#12, password
 * {@link #TRUST_STORE_PASSWORD}): the provider's {@code chorus.push.apns.trust-store}.
 */
public final class ApnsStandIn implements AutoCloseable {
    public static final String TRUST_STORE_PASSWORD = "changeit";
    private static final char[] PASSWORD = TRUST_STORE_PASSWORD.toCharArray();

    private final ECPublicKey teamKey;
    private final String keyId;
    private final String teamId;
    private final String topic;
    private final Path trustStore;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<int[]>> scripted = new ConcurrentHashMap<>();
    private final Map<String, Deque<String>> scriptedReasons = new ConcurrentHashMap<>();

    /** A push it accepted: the device token of its path, its headers (lower case, as HTTP/2 has them), its JSON body. */
    public record Received(String token, Map<String, String> headers, JsonObject body) {
    }

    /** Accepts only pushes for {@code topic} with a token that {@code teamKey} verifies, naming {@code keyId} and {@code teamId}. */
    public ApnsStandIn(ECPublicKey teamKey, String keyId, String teamId, String topic) throws Exception {
        this.teamKey = teamKey;
        this.keyId = keyId;
        this.teamId = teamId;
        this.topic = topic;
        Path dir = Files.createTempDirectory("apns-stand-in");
        Path keyStore = dir.resolve("server.p12");
        Path certificate = dir.resolve("server.cer");
        trustStore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "apns", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString());
        keytool("-exportcert", "-alias", "apns", "-keystore", keyStore.toString(), "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "apns", "-file", certificate.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SslContext tls = SslContextBuilder.forServer(keys).sslProvider(SslProvider.JDK)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2))
                .build();
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(tls.newHandler(channel.alloc()), Http2FrameCodecBuilder.forServer().build(),
                                new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                                    @Override
                                    protected void initChannel(Http2StreamChannel stream) {
                                        stream.pipeline().addLast(new Stream());
                                    }
                                }));
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", new String(PASSWORD)));
        if (args[0].equals("-genkeypair")) {
            command.addAll(List.of("-keypass", new String(PASSWORD)));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    /** {@code https://127.0.0.1:<port>}: the provider's production (and sandbox) URL. */
    public String url() {
        return "https://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** A PKCS#12 trust store holding only this stand-in's certificate. */
    public Path trustStore() {
        return trustStore;
    }

    /** The next pushes to {@code token} are answered {@code status} with {@code reason} (null: no body), unchecked. */
    public void answerFirst(String token, int status, String reason) {
        scripted.computeIfAbsent(token, t -> new ConcurrentLinkedDeque<>()).add(new int[] {status});
        scriptedReasons.computeIfAbsent(token, t -> new ConcurrentLinkedDeque<>()).add(reason == null ? "" : reason);
    }

    /** Every push it accepted, in order; a live list. */
    public List<Received> received() {
        return received;
    }

    /** Every push it refused, as {@code "<status> <reason> <detail>"}; a live list a test may clear. */
    public List<String> failures() {
        return failures;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One request: its headers, then its body, then the answer. */
    private final class Stream extends SimpleChannelInboundHandler<Http2StreamFrame> {
        private Http2Headers headers;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
            boolean end = false;
            if (frame instanceof Http2HeadersFrame h) {
                headers = h.headers();
                end = h.isEndStream();
            } else if (frame instanceof Http2DataFrame data) {
                ByteBuf content = data.content();
                byte[] bytes = new byte[content.readableBytes()];
                content.readBytes(bytes);
                body.writeBytes(bytes);
                end = data.isEndStream();
            }
            if (end) {
                answer(ctx);
            }
        }

        private void answer(ChannelHandlerContext ctx) {
            String path = String.valueOf(headers.path());
            String token = path.startsWith("/3/device/") ? path.substring("/3/device/".length()) : "";
            Deque<int[]> script = scripted.get(token);
            int[] status = script == null ? null : script.pollFirst();
            if (status != null) {
                String reason = scriptedReasons.get(token).pollFirst();
                respond(ctx, status[0], reason.isEmpty() ? null : reason);
                return;
            }
            String refusal = check(token);
            if (refusal != null) {
                failures.add(refusal);
                String[] parts = refusal.split(" ", 3);
                respond(ctx, Integer.parseInt(parts[0]), parts[1]);
                return;
            }
            respond(ctx, 200, null);
        }

        /** Null if the push is as APNs wants it; else "status reason detail". */
        private String check(String token) {
            if (!"POST".contentEquals(headers.method()) || !token.matches("[0-9a-f]{64,200}")) {
                return "400 BadPath " + headers.method() + " " + headers.path();
            }
            String authorization = String.valueOf(headers.get("authorization"));
            if (!authorization.startsWith("bearer ")) {
                return "403 MissingProviderToken no bearer token";
            }
            try {
                SignedJWT jwt = SignedJWT.parse(authorization.substring(7));
                if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || !keyId.equals(jwt.getHeader().getKeyID())
                        || !teamId.equals(jwt.getJWTClaimsSet().getIssuer()) || !jwt.verify(new ECDSAVerifier(teamKey))) {
                    return "403 InvalidProviderToken alg, kid, iss or signature";
                }
                Instant issued = jwt.getJWTClaimsSet().getIssueTime().toInstant();
                if (issued.isBefore(Instant.now().minusSeconds(3600)) || issued.isAfter(Instant.now().plusSeconds(60))) {
                    return "403 ExpiredProviderToken iat " + issued;
                }
            } catch (Exception unreadable) {
                return "403 InvalidProviderToken unreadable: " + unreadable;
            }
            if (!topic.equals(String.valueOf(headers.get("apns-topic")))) {
                return "400 TopicDisallowed " + headers.get("apns-topic");
            }
            if (!"alert".equals(String.valueOf(headers.get("apns-push-type")))) {
                return "400 InvalidPushType " + headers.get("apns-push-type");
            }
            JsonObject json;
            try {
                try (JsonReader reader = Json.createReader(new StringReader(body.toString(StandardCharsets.UTF_8)))) {
                    json = reader.readObject();
                }
            } catch (RuntimeException notJson) {
                return "400 BadPayload not JSON";
            }
            if (!json.containsKey("aps") || json.get("aps").getValueType() != jakarta.json.JsonValue.ValueType.OBJECT) {
                return "400 BadPayload no aps dictionary";
            }
            Map<String, String> seen = new java.util.HashMap<>();
            headers.forEach(h -> seen.put(h.getKey().toString(), h.getValue().toString()));
            received.add(new Received(token, seen, json));
            return null;
        }

        private void respond(ChannelHandlerContext ctx, int status, String reason) {
            Http2Headers answer = new DefaultHttp2Headers().status(Integer.toString(status)).add("apns-id", java.util.UUID.randomUUID().toString());
            if (reason == null) {
                ctx.writeAndFlush(new DefaultHttp2HeadersFrame(answer, true));
            } else {
                ctx.write(new DefaultHttp2HeadersFrame(answer.add("content-type", "application/json"), false));
                ctx.writeAndFlush(new DefaultHttp2DataFrame(Unpooled.copiedBuffer("{\"reason\":\"" + reason + "\"}", StandardCharsets.UTF_8), true));
            }
        }
    }
}
