package org.trustpool.hostagent;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Entry point: plays N hosts in one process, each a {@link SimulatedHost} behind its own
 * {@link JsonRpcServer}. Only parses options and wires things together.
 * <p>
 * stdout carries one {@code HOST <name> <uuid> <url>} line per host, then {@code READY <n>};
 * a launcher parses these, so nothing else is ever printed there.
 */
public final class Simulator implements AutoCloseable {

    /** A started host: its model plus where it can be reached. */
    public record RunningHost(SimulatedHost host, URI url, JsonRpcServer server) {

        public String name() {
            return host.name();
        }

        public UUID id() {
            return host.id();
        }
    }

    private final List<RunningHost> hosts;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Simulator(List<RunningHost> hosts) {
        this.hosts = List.copyOf(hosts);
    }

    public static Simulator start(SimulatorOptions options) throws IOException {
        ObjectMapper mapper = Json.newMapper();
        // One client for all hosts: it is thread-safe and owns a selector thread of its own.
        JsonRpcClient peers = new JsonRpcClient(mapper);
        HostIdStore ids = options.dataDir() == null ? null : new HostIdStore(options.dataDir());
        InetAddress bind = InetAddress.getByName(options.bind());
        List<RunningHost> started = new ArrayList<>();
        try {
            for (int i = 1; i <= options.hosts(); i++) {
                String name = options.namePrefix() + String.format("%02d", i);
                UUID id = ids == null ? UUID.randomUUID() : ids.loadOrCreate(name);
                SimulatedHost host = new SimulatedHost(id, name, options.capacity());
                JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(mapper);
                new HostAgent(host, peers).registerOn(dispatcher);
                int port = options.basePort() == 0 ? 0 : options.basePort() + i - 1;
                JsonRpcServer server;
                try {
                    server = JsonRpcServer.start(new InetSocketAddress(bind, port), dispatcher, mapper, name);
                } catch (IOException e) {
                    throw new IOException("cannot listen on " + options.bind() + ":" + port + " for " + name
                            + ": " + e.getMessage(), e);
                }
                started.add(new RunningHost(host, endpoint(options.bind(), server.port()), server));
            }
        } catch (IOException | RuntimeException e) {
            started.forEach(h -> h.server().close());
            throw e;
        }
        return new Simulator(started);
    }

    public List<RunningHost> hosts() {
        return hosts;
    }

    public void printAnnouncement(PrintStream out) {
        for (RunningHost h : hosts) {
            out.println("HOST " + h.name() + " " + h.id() + " " + h.url());
        }
        out.println("READY " + hosts.size());
        out.flush();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            hosts.forEach(h -> h.server().close());
            Log.info("stopped " + hosts.size() + " host(s)");
            stopped.countDown();
        }
    }

    public void awaitClosed() throws InterruptedException {
        stopped.await();
    }

    static URI endpoint(String bind, int port) {
        // IPv6 literals need brackets inside a URL.
        String host = bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
        return URI.create("http://" + host + ":" + port + JsonRpcServer.PATH);
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        // Only exit explicitly on failure: after a normal stop we are already inside JVM shutdown,
        // where System.exit would block forever.
        if (code != 0) {
            System.exit(code);
        }
    }

    /** @return the process exit code (2 = usage error, 1 = could not start, 0 = stopped normally) */
    static int run(String[] args, PrintStream out, PrintStream err) {
        SimulatorOptions options;
        try {
            options = SimulatorOptions.parse(args);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(SimulatorOptions.USAGE);
            return 2;
        }
        if (options.help()) {
            out.println(SimulatorOptions.USAGE);
            return 0;
        }
        Simulator simulator;
        try {
            simulator = start(options);
        } catch (IOException e) {
            err.println("hostagent: cannot start: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "hostagent-shutdown"));
        Log.info("started " + options.hosts() + " host(s) on " + options.bind());
        simulator.printAnnouncement(out);
        try {
            simulator.awaitClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
