package org.trustpool.vdsbroker;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hostile agent on a raw socket: reads one JSON-RPC request, then answers the way the test asks
 * (trickling, flooding, lying about its length), and records when the engine hangs up on it.
 */
final class FakeAgent implements AutoCloseable {
    enum Behaviour {
        /** Headers promise 1000 bytes (within limits), then one byte every 100 ms: a polite-looking answer that never ends. */
        TRICKLE,
        /** A chunked body that never ends, as fast as the socket takes it. */
        FLOOD,
        /** Content-Length of 10 GB declared up front. */
        DECLARES_TOO_MUCH
    }

    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final Thread thread;
    final AtomicLong bytesWritten = new AtomicLong();
    /** Counted down when a write failed because the engine closed the connection. */
    final CountDownLatch hungUp = new CountDownLatch(1);

    FakeAgent(Behaviour behaviour) throws IOException {
        this.server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.behaviour = behaviour;
        this.thread = new Thread(this::serve, "fake-agent");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        try (Socket s = server.accept()) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            String id = readRequestId(in);
            OutputStream out = s.getOutputStream();
            try {
                switch (behaviour) {
                    case TRICKLE -> {
                        write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n");
                        write(out, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":\"");
                        while (true) {
                            write(out, "x");
                            Thread.sleep(100);
                        }
                    }
                    case FLOOD -> {
                        write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
                        byte[] chunk = ("4000\r\n" + "y".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                        while (true) {
                            out.write(chunk);
                            bytesWritten.addAndGet(chunk.length);
                        }
                    }
                    case DECLARES_TOO_MUCH -> {
                        write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n");
                        byte[] chunk = "z".repeat(0x4000).getBytes(StandardCharsets.US_ASCII);
                        while (true) {
                            out.write(chunk);
                            bytesWritten.addAndGet(chunk.length);
                        }
                    }
                }
            } catch (IOException e) {
                hungUp.countDown();
            }
        } catch (IOException | InterruptedException e) {
            // closed by the test
        }
    }

    private void write(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes);
        out.flush();
        bytesWritten.addAndGet(bytes.length);
    }

    private static String readRequestId(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("request ended early");
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        Matcher length = Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head.toString(StandardCharsets.US_ASCII));
        int n = length.find() ? Integer.parseInt(length.group(1)) : 0;
        String body = new String(in.readNBytes(n), StandardCharsets.UTF_8);
        Matcher id = ID.matcher(body);
        return id.find() ? id.group(1) : "0";
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
    }
}
