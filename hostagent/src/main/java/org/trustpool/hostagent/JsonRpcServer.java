package org.trustpool.hostagent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP transport for one host: {@code POST /jsonrpc} on its own port, handing bodies to a
 * {@link JsonRpcDispatcher}. Each server has its own thread pool; a single dispatcher thread
 * would deadlock when a migration handler calls back into the same process.
 */
public final class JsonRpcServer implements AutoCloseable {

    public static final String PATH = "/jsonrpc";
    public static final int MAX_REQUEST_BYTES = 1 << 20;
    /** How long close() lets running requests (e.g. a migration) finish before cutting them off. */
    private static final long DRAIN_MILLIS = 5_000;

    private final HttpServer http;
    private final ExecutorService executor;
    private final JsonRpcDispatcher dispatcher;
    private final ObjectMapper mapper;
    private final Object lock = new Object();
    private int inFlight;
    private boolean closing;

    private JsonRpcServer(HttpServer http, ExecutorService executor, JsonRpcDispatcher dispatcher, ObjectMapper mapper) {
        this.http = http;
        this.executor = executor;
        this.dispatcher = dispatcher;
        this.mapper = mapper;
    }

    /** Binds and starts serving; port 0 picks a free ephemeral port (see {@link #port()}). */
    public static JsonRpcServer start(InetSocketAddress address, JsonRpcDispatcher dispatcher,
                                      ObjectMapper mapper, String threadPrefix) throws IOException {
        return start(address, dispatcher, mapper, threadPrefix, null);
    }

    /**
     * @param tls null for plain HTTP (tests only); otherwise the host's key and the engine CA as the only
     *            trusted issuer of clients. A client certificate is asked for and, if sent, must chain to the
     *            engine CA or the handshake fails; a client without one reaches only the methods the
     *            dispatcher allows unauthenticated (Host.getQuote, whose answer proves itself).
     */
    public static JsonRpcServer start(InetSocketAddress address, JsonRpcDispatcher dispatcher,
                                      ObjectMapper mapper, String threadPrefix, SSLContext tls) throws IOException {
        HttpServer http;
        if (tls == null) {
            http = HttpServer.create(address, 0);
        } else {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters p = tls.getDefaultSSLParameters();
                    p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                    p.setWantClientAuth(true);
                    params.setSSLParameters(p);
                }
            });
            http = https;
        }
        AtomicInteger threadCount = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, threadPrefix + "-rpc-" + threadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        JsonRpcServer server = new JsonRpcServer(http, executor, dispatcher, mapper);
        http.createContext(PATH, server::handle);
        http.setExecutor(executor);
        http.start();
        return server;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** Refuses new requests, waits briefly for running ones, then releases port and threads. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closing) {
                return;
            }
            closing = true;
            long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
            long remaining;
            while (inFlight > 0 && (remaining = deadline - System.currentTimeMillis()) > 0) {
                try {
                    lock.wait(remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        http.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) {
        try {
            if (!enter()) {
                sendText(exchange, 503, "Shutting down");
                return;
            }
            try {
                serve(exchange);
            } finally {
                leave();
            }
        } catch (IOException e) {
            // Client went away mid-exchange; nothing to answer.
        } catch (RuntimeException e) {
            Log.info("unexpected error serving " + exchange.getRequestURI() + ": " + e);
        } finally {
            exchange.close();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        if (!PATH.equals(exchange.getRequestURI().getPath())) {
            sendText(exchange, 404, "Not Found");
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            sendText(exchange, 405, "Method Not Allowed");
            return;
        }
        // Check the declared length first so an oversized body is refused without reading it.
        byte[] body = declaredLength(exchange) > MAX_REQUEST_BYTES
                ? null
                : BoundedInput.readAtMost(exchange.getRequestBody(), MAX_REQUEST_BYTES);
        if (body == null) {
            exchange.getResponseHeaders().set("Connection", "close");
            sendJson(exchange, 413, JsonRpcDispatcher.error(NullNode.getInstance(),
                    JsonRpcException.invalidRequest("body exceeds " + MAX_REQUEST_BYTES + " bytes")));
            return;
        }
        ObjectNode response = dispatcher.dispatch(body, engineCaClient(exchange));
        if (response == null) {
            exchange.sendResponseHeaders(204, -1);
        } else {
            sendJson(exchange, 200, response);
        }
    }

    /**
     * True when the caller proved a certificate from the engine CA (the TLS layer already checked the
     * chain against the engine CA, the only trusted issuer), or when this server is plain HTTP (tests).
     */
    private static boolean engineCaClient(HttpExchange exchange) {
        if (!(exchange instanceof HttpsExchange https)) {
            return true;
        }
        try {
            return https.getSSLSession().getPeerCertificates().length > 0;
        } catch (SSLPeerUnverifiedException e) {
            return false;
        }
    }

    private static long declaredLength(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Content-Length");
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private void sendJson(HttpExchange exchange, int status, ObjectNode json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, status, mapper.writeValueAsBytes(json));
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        send(exchange, status, (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private boolean enter() {
        synchronized (lock) {
            if (closing) {
                return false;
            }
            inFlight++;
            return true;
        }
    }

    private void leave() {
        synchronized (lock) {
            inFlight--;
            lock.notifyAll();
        }
    }
}
