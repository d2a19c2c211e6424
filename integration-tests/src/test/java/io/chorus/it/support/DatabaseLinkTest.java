package io.chorus.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The partition the reliability run cuts behaves as one: bytes through while healed, held (not
 * refused, not closed) while cut, delivered at the heal. Against a local echo server, no PostgreSQL.
 */
class DatabaseLinkTest {
    private final ServerSocket echo;
    private final DatabaseLink link;

    DatabaseLinkTest() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread server = new Thread(this::echoAll, "echo");
        server.setDaemon(true);
        server.start();
        link = DatabaseLink.to(echo.getLocalPort());
    }

    @AfterEach
    void close() throws IOException {
        link.close();
        echo.close();
    }

    @Test
    void bytesGoThrough_areHeldWhileCut_andArriveAtTheHeal() throws IOException {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), link.port())) {
            client.setSoTimeout(5_000);
            assertEquals('a', roundTrip(client, 'a'));

            link.cut();
            client.getOutputStream().write('b');
            client.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read(), "nothing gets through a cut link");

            link.heal();
            client.setSoTimeout(5_000);
            assertEquals('b', client.getInputStream().read(), "what was sent during the cut arrives at the heal");
        }
    }

    @Test
    void aConnectionMadeWhileCut_isAcceptedButReachesNothing_untilTheHeal() throws IOException {
        link.cut();
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), link.port())) {
            client.getOutputStream().write('c');
            client.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> client.getInputStream().read());

            link.heal();
            client.setSoTimeout(5_000);
            assertEquals('c', client.getInputStream().read());
        }
    }

    private static int roundTrip(Socket client, char c) throws IOException {
        client.getOutputStream().write(c);
        return client.getInputStream().read();
    }

    private void echoAll() {
        while (!echo.isClosed()) {
            try {
                Socket socket = echo.accept();
                Thread thread = new Thread(() -> {
                    try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                        int b;
                        while ((b = in.read()) >= 0) {
                            out.write(b);
                            out.flush();
                        }
                    } catch (IOException ignored) {
                        // the test closed it
                    }
                });
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return;
            }
        }
    }
}
