package com.adaptivestartup.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP port that refuses connections for a while and then forwards them to a real server: a database or
 * an object store that is still starting, as the server sees it when the console starts them together.
 */
public final class DelayedProxy implements AutoCloseable {
    private final int port;
    private final Thread thread;
    private volatile ServerSocket server;

    public DelayedProxy(int target, long delayMillis) throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        thread = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(delayMillis);
                server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
                while (!server.isClosed()) {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    pipe(client.getInputStream(), upstream.getOutputStream());
                    pipe(upstream.getInputStream(), client.getOutputStream());
                }
            } catch (IOException | InterruptedException e) {
                // closed
            }
        });
    }

    private static void pipe(InputStream in, OutputStream out) {
        Thread.ofVirtual().start(() -> {
            try (in; out) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed
            }
        });
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException {
        thread.interrupt();
        if (server != null) {
            server.close();
        }
    }
}
