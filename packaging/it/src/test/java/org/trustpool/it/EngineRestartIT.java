package org.trustpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.trustpool.launcher.LaunchOptions;
import org.trustpool.launcher.Launcher;
import org.trustpool.launcher.TrustpoolSystem;

/**
 * The engine dies (kill -9 of the WildFly JVM) while VMs run: the launcher starts it again, the host agents
 * and PostgreSQL keep running as hypervisors do while their manager restarts, and the engine finds the VMs
 * where they run, with nothing lost or doubled in the API and the audit log.
 */
class EngineRestartIT {
    private static final Duration WAIT = Duration.ofMinutes(4);

    @Test
    void aKilledEngineIsStartedAgainAndFindsTheVmsWhereTheyRun() throws Exception {
        LaunchOptions options = SystemUnderTest.demoOptions("restart", SystemUnderTest.PORT + 700, 2).build();
        try (TrustpoolSystem system = Launcher.start(options)) {
            Api api = new Api(system.apiUrl(), system.adminUser(), system.adminPassword());
            Api.Reply vm = api.post("/vms", "<vm><name>survivor</name><cluster><name>Default</name></cluster>"
                    + "<template><name>Blank</name></template><memory>268435456</memory></vm>");
            assertEquals(201, vm.status(), vm.toString());
            String id = vm.at("/vm/@id");
            assertEquals(200, api.post("/vms/" + id + "/start", "<action/>").status());
            SystemUnderTest.await("VM up", WAIT, () -> api.get("/vms/" + id).at("/vm/status"), "up"::equals);
            String host = api.get("/vms/" + id).at("/vm/host/@id");
            String eventsBefore = api.get("/events?max=1000").body();
            long agentsPid = system.hostAgentProcess().orElseThrow().pid();
            ProcessHandle engine = system.engineJvm().orElseThrow();

            engine.destroyForcibly();
            SystemUnderTest.await("the engine gone", Duration.ofSeconds(30), engine::isAlive, alive -> !alive);
            SystemUnderTest.await("the engine answering again", WAIT, () -> {
                try {
                    return api.get("/vms/" + id).status();
                } catch (RuntimeException e) {
                    return -1;
                }
            }, status -> status == 200);

            assertTrue(ProcessHandle.of(agentsPid).map(ProcessHandle::isAlive).orElse(false), "the host agents never stopped");
            assertTrue(system.isRunning());
            // monitoring reconciles with the agents: the VM is still Up where it runs, after several polls
            SystemUnderTest.await("both hosts up", WAIT, () -> api.get("/hosts").body(),
                    body -> count(body, "<status>up</status>") == 2);
            Thread.sleep(6000); // a few monitoring cycles (VdsRefreshRate 2 s): a wrong reconciliation would show by now
            Api.Reply after = api.get("/vms/" + id);
            assertEquals("up", after.at("/vm/status"), after.toString());
            assertEquals(host, after.at("/vm/host/@id"));
            assertEquals(1, count(api.get("/vms").body(), "<name>survivor</name>"));
            String eventsAfter = api.get("/events?max=1000").body();
            assertTrue(eventIds(eventsAfter).containsAll(eventIds(eventsBefore)), "every event from before the crash is kept");
            assertEquals(1, count(eventsAfter, "VM survivor was started by"), "the VM was started once");
            assertFalse(eventsAfter.contains("VM survivor is down") || eventsAfter.contains("VM survivor is in an unknown state"),
                    "the VM never went down in the engine's records");
        }
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static java.util.Set<String> eventIds(String events) {
        Matcher m = Pattern.compile("<event\\b[^>]*\\bid=\"([^\"]+)\"").matcher(events);
        java.util.Set<String> ids = new java.util.HashSet<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        assertTrue(!ids.isEmpty(), "events have ids");
        return ids;
    }
}
