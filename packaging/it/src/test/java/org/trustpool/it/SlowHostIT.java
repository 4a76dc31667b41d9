package org.trustpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.trustpool.launcher.TrustpoolSystem;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * One hung host agent among healthy ones, on the real system: while the engine waits on the hung agent
 * to start a VM, other hosts' VMs start and migrate (they finish before the hung call does: with one
 * engine-wide lock they would queue behind it), a second command on the VM being started is refused at
 * once with the operation named, and when the engine gives up on the hung agent the VM is Down, its
 * reservation released, and the audit log says so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowHostIT {
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(90);

    private TrustpoolSystem system;
    private Api api;
    private HungAgent hung;

    @BeforeAll
    void startSystem() throws Exception {
        system = SystemUnderTest.start(SystemUnderTest.freshDir("slow-host"), SystemUnderTest.PORT);
        api = new Api(system.apiUrl(), system.adminUser(), system.adminPassword());
        hung = new HungAgent(system.dataDir());
    }

    @AfterAll
    void stopSystem() {
        if (hung != null) {
            hung.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aHungAgentHoldsUpOnlyItsOwnVm() throws Exception {
        Path agentJar = SystemUnderTest.DIST.resolve("trustpool-hostagent-all.jar");
        try (AgentProcess a = AgentProcess.start(agentJar, "slow-a", system.dataDir());
             AgentProcess b = AgentProcess.start(agentJar, "slow-b", system.dataDir())) {
            assertEquals(201, api.post("/clusters", clusterXml("healthy")).status());
            assertEquals(201, api.post("/clusters", clusterXml("hung")).status());
            String hostA = addHost(a.name, a.port(), "healthy");
            String hostB = addHost(b.name, b.port(), "healthy");
            String hungHost = addHost("hung-host", hung.port(), "hung");
            for (String host : new String[] {hostA, hostB, hungHost}) {
                SystemUnderTest.await("host " + host + " up", UP_TIMEOUT, () -> api.get("/hosts/" + host).at("/host/status"), "up"::equals);
            }
            String stuck = addVm("stuck-vm", "hung");
            String first = addVm("healthy-vm-1", "healthy");
            String second = addVm("healthy-vm-2", "healthy");

            CompletableFuture<Api.Reply> hungStart = CompletableFuture.supplyAsync(() -> api.post("/vms/" + stuck + "/start", "<action/>"));
            assertTrue(hung.entered.await(60, TimeUnit.SECONDS), "the engine never called the hung agent");
            assertEquals("wait_for_launch", api.get("/vms/" + stuck).at("/vm/status"));

            long began = System.nanoTime();
            Api.Reply started1 = api.post("/vms/" + first + "/start", "<action/>");
            Api.Reply started2 = api.post("/vms/" + second + "/start", "<action/>");
            assertEquals(200, started1.status(), started1.toString());
            assertEquals(200, started2.status(), started2.toString());
            String on = api.get("/vms/" + first).at("/vm/host/@id");
            String other = on.equals(hostA) ? hostB : hostA;
            Api.Reply migrated = api.post("/vms/" + first + "/migrate", "<action><host id=\"" + other + "\"/></action>");
            assertEquals(200, migrated.status(), migrated.toString());
            assertEquals(other, api.get("/vms/" + first).at("/vm/host/@id"));
            long healthyMillis = (System.nanoTime() - began) / 1_000_000;

            Api.Reply refused = api.post("/vms/" + stuck + "/stop", "<action/>");
            assertEquals(409, refused.status(), refused.toString());
            assertTrue(refused.body().contains("VM stuck-vm is being started on host hung-host; try again when that has ended."), refused.toString());

            // Ordering, not a stopwatch: all of that finished while the hung call was still waiting.
            assertFalse(hungStart.isDone(), "the healthy hosts' work finished only after the hung agent's call (" + healthyMillis + " ms)");
            System.out.println("healthy hosts: 2 starts and a migration in " + healthyMillis + " ms while a start waited on the hung agent");

            Api.Reply gaveUp = hungStart.get(120, TimeUnit.SECONDS); // the engine's agent timeout (VdsRequestTimeoutSeconds)
            assertFalse(gaveUp.status() == 200, gaveUp.toString());
            assertEquals("down", api.get("/vms/" + stuck).at("/vm/status"));
            String events = api.get("/events?max=200").body();
            assertTrue(events.contains("Failed to run VM stuck-vm") && events.contains("VM stuck-vm is Down and the memory reserved for it on host hung-host is released."),
                    events);
        }
    }

    private static String clusterXml(String name) {
        return "<cluster><name>" + name + "</name><data_center><name>Default</name></data_center>"
                + "<cpu><type>Intel SandyBridge Family</type></cpu><version><major>4</major><minor>7</minor></version></cluster>";
    }

    private String addHost(String name, int port, String cluster) {
        Api.Reply host = api.post("/hosts", "<host><name>" + name + "</name><address>127.0.0.1</address><port>" + port
                + "</port><cluster><name>" + cluster + "</name></cluster></host>");
        assertEquals(201, host.status(), host.toString());
        return host.at("/host/@id");
    }

    private String addVm(String name, String cluster) {
        Api.Reply vm = api.post("/vms", "<vm><name>" + name + "</name><cluster><name>" + cluster + "</name></cluster>"
                + "<template><name>Blank</name></template><memory>536870912</memory></vm>");
        assertEquals(201, vm.status(), vm.toString());
        return vm.at("/vm/@id");
    }

    /**
     * A host agent that answers monitoring at once and never finishes starting a VM (until closed). It has a
     * certificate from the engine CA, as every agent the engine talks to must.
     */
    private static final class HungAgent implements AutoCloseable {
        private static final Pattern METHOD = Pattern.compile("\"method\"\\s*:\\s*\"([A-Za-z.]+)\"");
        private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
        final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final HttpServer server;
        private final UUID hostId = UUID.randomUUID();

        HungAgent(Path engineDataDir) throws Exception {
            Path tls = engineDataDir.resolve("it-agents").resolve("hung-host");
            org.trustpool.launcher.Launcher.issueHostCertificate(engineDataDir, "hung-host", java.util.List.of("127.0.0.1"), tls);
            char[] secret = java.nio.file.Files.readString(tls.resolve("hung-host.p12.password"), StandardCharsets.UTF_8).strip().toCharArray();
            java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(tls.resolve("hung-host.p12"))) {
                keys.load(in, secret);
            }
            javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, secret);
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(context));
            server = https;
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", this::answer);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        private void answer(HttpExchange exchange) throws IOException {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher method = METHOD.matcher(request);
            Matcher id = ID.matcher(request);
            String result = switch (method.find() ? method.group(1) : "") {
                case "Host.getCapabilities" -> "{\"hostId\":\"" + hostId + "\",\"hostName\":\"hung-host\",\"cpuCores\":4,"
                        + "\"cpuModel\":\"Intel SandyBridge Family\",\"memMb\":8192,\"agentVersion\":\"hung\"}";
                case "Host.getStats" -> "{\"memFreeMb\":8192,\"memUsedMb\":0,\"cpuUsagePercent\":1.0,\"vmCount\":0}";
                case "Host.getVMList" -> "{\"vms\":[]}";
                case "VM.create" -> {
                    entered.countDown();
                    try {
                        release.await(120, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    yield null;
                }
                default -> null;
            };
            String body = "{\"jsonrpc\":\"2.0\",\"id\":" + (id.find() ? id.group(1) : "0") + ","
                    + (result != null ? "\"result\":" + result : "\"error\":{\"code\":-32601,\"message\":\"not here\"}") + "}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            try {
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (IOException e) {
                // the engine gave up on this call and closed the connection: what a hung host's caller does
            }
        }

        @Override
        public void close() {
            release.countDown();
            server.stop(0);
        }
    }
}
