package org.trustpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.trustpool.launcher.LaunchOptions;
import org.trustpool.launcher.Launcher;
import org.trustpool.launcher.TrustpoolSystem;

/**
 * The README's walk-through of the product's point, with the launcher's own commands: the demo's tampered host
 * is healed and comes back; a trusted VM runs; `trustpool tamper` on its host makes the engine take the host out
 * of service and move the VM to the other trusted host; `trustpool heal` brings the host back. Timings are
 * printed (FIGURE lines), not asserted: they depend on the machine.
 */
class TamperHealIT {
    private static final Duration WAIT = Duration.ofMinutes(3);

    @Test
    void aHostTamperedWhileRunningIsCaughtEmptiedAndLetBackInWhenHealed() throws Exception {
        LaunchOptions options = SystemUnderTest.demoOptions("tamper-heal", SystemUnderTest.PORT + 800, 4).build();
        try (TrustpoolSystem system = Launcher.start(options)) {
            Api api = new Api(system.apiUrl(), system.adminUser(), system.adminPassword());
            assertEquals(200, api.put("/options/AttestationReattestPeriodSeconds", "<option><value>2</value></option>").status());
            assertEquals(200, api.put("/options/AttestationTrustValiditySeconds", "<option><value>10</value></option>").status());
            String good = system.hosts().get(2).name();
            String tampered = system.hosts().get(3).name();
            assertEquals("non_operational", hostStatus(api, tampered), "the demo's tampered host");

            assertEquals(0, trustpool(system, "heal", tampered), "trustpool heal");
            SystemUnderTest.await(tampered + " back Up once healed", WAIT, () -> hostStatus(api, tampered), "up"::equals);

            Api.Reply vm = api.post("/vms", "<vm><name>walk-through</name><cluster><name>Trusted</name></cluster>"
                    + "<template><name>Blank</name></template><memory>268435456</memory></vm>");
            assertEquals(201, vm.status(), vm.toString());
            String vmId = vm.at("/vm/@id");
            assertEquals(200, api.post("/vms/" + vmId + "/start", "<action/>").status());
            SystemUnderTest.await("the trusted VM up", WAIT, () -> api.get("/vms/" + vmId).at("/vm/status"), "up"::equals);
            String hostId = api.get("/vms/" + vmId).at("/vm/host/@id");
            String victim = api.get("/hosts/" + hostId).at("/host/name");
            assertTrue(victim.equals(good) || victim.equals(tampered), victim);

            long t0 = System.nanoTime();
            assertEquals(0, trustpool(system, "tamper", victim), "trustpool tamper");
            SystemUnderTest.await(victim + " NonOperational", WAIT, () -> hostStatus(api, victim), "non_operational"::equals);
            double caught = (System.nanoTime() - t0) / 1e9;
            // the new host is recorded when the migration is reserved, the status once the agent has done it
            SystemUnderTest.await("the VM up on the other trusted host", WAIT, () -> {
                Api.Reply r = api.get("/vms/" + vmId);
                return r.at("/vm/host/@id") + " " + r.at("/vm/status");
            }, s -> s.endsWith(" up") && !s.startsWith(hostId) && !s.startsWith(" "));
            double moved = (System.nanoTime() - t0) / 1e9;
            Api.Reply host = api.get("/hosts/" + hostId);
            assertEquals("untrusted", host.at("/host/trust/level"), host.toString());
            assertTrue(host.at("/host/trust/reason").contains("PCR 19"), host.toString());

            long t1 = System.nanoTime();
            assertEquals(0, trustpool(system, "heal", victim), "trustpool heal");
            SystemUnderTest.await(victim + " back Up", WAIT, () -> hostStatus(api, victim), "up"::equals);
            double back = (System.nanoTime() - t1) / 1e9;
            assertNotEquals(hostId, api.get("/vms/" + vmId).at("/vm/host/@id"), "the VM stays where it was moved");
            String events = api.get("/events?max=500").body();
            assertTrue(events.contains("Host " + victim + " is no longer trusted") || events.contains("Host " + victim + " is not trusted"),
                    events);

            System.out.printf("FIGURE tamper_to_non_operational=%.1f s%nFIGURE tamper_to_vm_moved=%.1f s%nFIGURE heal_to_up=%.1f s%n"
                    + "(re-attestation period 2 s, validity 10 s)%n", caught, moved, back);
            assertEquals(1, trustpool(system, "tamper", "no-such-host"), "only the launcher's own simulated hosts");
        }
    }

    private static String hostStatus(Api api, String name) {
        return api.get("/hosts?search=name%3D" + name).at("/hosts/host/status");
    }

    /** The launcher's command, as `packaging/bin/trustpool CMD HOST --data-dir DIR` runs it. */
    static int trustpool(TrustpoolSystem system, String command, String host) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Launcher.execute(new String[] {command, host, "--data-dir", system.dataDir().toString()}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        System.out.print(out.toString(StandardCharsets.UTF_8));
        return code;
    }
}
