package io.chorus.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The network between the cluster's nodes and PostgreSQL, for a partition: a TCP relay that can be
 * cut the way a partition cuts, not the way a stopped server does. Nothing is refused, reset or
 * closed while it is cut; bytes simply stop (each direction holds what it had read, the rest waits
 * in the kernel's buffers) and new connections are accepted but go nowhere. Healed, what was held
 * goes through, as TCP's retransmissions deliver it after a short partition — including what a
 * client that gave up meanwhile had sent (a COMMIT, say).
 */
public final class DatabaseLink implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private boolean cut;

    private DatabaseLink(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptAll, "database link :" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A link to PostgreSQL on {@code targetPort} of this host, open. */
    public static DatabaseLink to(int targetPort) {
        try {
            return new DatabaseLink(targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The JDBC URL of the chorus database through this link. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/chorus";
    }

    public void cut() {
        synchronized (gate) {
            cut = true;
        }
    }

    public void heal() {
        synchronized (gate) {
            cut = false;
            gate.notifyAll();
        }
    }

    private void awaitHealed() throws InterruptedException {
        synchronized (gate) {
            while (cut) {
                gate.wait();
            }
        }
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                start("link in " + client.getPort(), () -> relay(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket client) {
        try {
            awaitHealed(); // a connection made during the cut reaches nothing until the heal
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            sockets.add(upstream);
            AtomicInteger ended = new AtomicInteger();
            Runnable bothEnded = () -> {
                if (ended.incrementAndGet() == 2) {
                    closeQuietly(client);
                    closeQuietly(upstream);
                }
            };
            start("link up " + client.getPort(), () -> pump(upstream, client, bothEnded));
            pump(client, upstream, bothEnded);
        } catch (IOException | InterruptedException e) {
            closeQuietly(client);
        }
    }

    /** Copies until {@code from} ends, holding each chunk while the link is cut; then passes the end on. */
    private void pump(Socket from, Socket to, Runnable ended) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                awaitHealed();
                out.write(buffer, 0, n);
                out.flush();
            }
            awaitHealed();
            to.shutdownOutput();
            ended.run();
        } catch (IOException | InterruptedException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() {
        heal();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
        sockets.forEach(this::closeQuietly);
    }
}
