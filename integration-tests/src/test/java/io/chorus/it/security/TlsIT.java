package io.chorus.it.security;

import static io.chorus.it.support.Rest.obj;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chorus.it.support.ServerProcess;
import io.chorus.it.support.Users;
import jakarta.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * HTTPS and WSS through WildFly's own TLS (SPEC §10): a node given a key store with a certificate
 * generated here (keytool) serves REST and {@code /ws} over TLS with that certificate; a client that
 * does not trust it is refused the handshake.
 */
class TlsIT {
    private static final String PASSWORD = "tls-test-" + UUID.randomUUID();

    @Test
    void httpsAndWss_useTheConfiguredCertificate_andAClientThatDoesNotTrustItGetsNoConnection() throws Exception {
        ServerProcess node = ServerProcess.prepare("tls", 1300, ServerProcess.postgres(
                "CHORUS_TLS_KEYSTORE", "chorus-tls.keystore", "CHORUS_TLS_KEYSTORE_PASSWORD", PASSWORD));
        Path keystore = node.baseDir().resolve("configuration/chorus-tls.keystore");
        Path certificate = node.baseDir().resolve("chorus-tls.cer");
        keytool("-genkeypair", "-alias", "chorus", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost, O=Chorus test", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "JKS", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", "chorus", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        Certificate generated;
        try (InputStream in = Files.newInputStream(certificate)) {
            generated = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        try (ServerProcess running = node.start()) {
            URI https = URI.create("https://127.0.0.1:" + (8443 + 1300) + "/");
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(generated)).connectTimeout(Duration.ofSeconds(10)).build();

            String account = Users.uniqueAccount("tls");
            HttpResponse<String> signup = trusting.send(json(https.resolve("/api/auth/signup"),
                    obj("account", account, "password", Users.PASSWORD).toString()), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, signup.statusCode(), signup::body);
            assertArrayEquals(generated.getEncoded(), signup.sslSession().orElseThrow().getPeerCertificates()[0].getEncoded(),
                    "the configured certificate, not WildFly's self-signed one");
            HttpResponse<String> login = trusting.send(json(https.resolve("/api/auth/login"),
                    obj("account", account, "password", Users.PASSWORD, "did", "tls").toString()), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, login.statusCode(), login::body);
            String token = Json.createReader(new StringReader(login.body())).readObject().getString("token");

            CompletableFuture<String> firstText = new CompletableFuture<>();
            WebSocket socket = trusting.newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create("wss://127.0.0.1:" + (8443 + 1300) + "/ws"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            firstText.complete(data.toString());
                            return null;
                        }
                    }).get(20, TimeUnit.SECONDS);
            socket.sendText("ping", true).get(10, TimeUnit.SECONDS);
            assertEquals("pong2", firstText.get(20, TimeUnit.SECONDS), "a frame over WSS");
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");

            HttpClient defaults = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            IOException refused = assertThrows(IOException.class,
                    () -> defaults.send(HttpRequest.newBuilder(https.resolve("/api/me")).build(), HttpResponse.BodyHandlers.ofString()));
            assertEquals(SSLHandshakeException.class, refused.getClass(), refused::toString);
        }
    }

    private static HttpRequest json(URI uri, String body) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static SSLContext trusting(Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("chorus", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        String[] command = new String[arguments.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), () -> "keytool failed: " + output);
    }
}
