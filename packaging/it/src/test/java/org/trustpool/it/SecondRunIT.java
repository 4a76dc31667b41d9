package org.trustpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.trustpool.launcher.LaunchOptions;
import org.trustpool.launcher.Launcher;
import org.trustpool.launcher.TrustpoolSystem;

/**
 * A second `trustpool run` on the same data directory after an administrator changed the demo through the
 * API: the tampered host put into Maintenance, one host renamed, one removed, a cluster edited, a VM added.
 * The second run starts without waiting on (or failing for) the changed hosts, adds back only the removed
 * one, says what it found, and leaves the administrator's changes as they were; nothing is doubled.
 */
class SecondRunIT {
    private static final Duration WAIT = Duration.ofMinutes(3);

    @Test
    void aSecondRunRespectsTheAdministratorsChanges() throws Exception {
        ByteArrayOutputStream secondOutput = new ByteArrayOutputStream();
        LaunchOptions.Builder builder = SystemUnderTest.demoOptions("second-run", SystemUnderTest.PORT + 900, 4);
        LaunchOptions first = builder.build();
        String removed;
        String renamed;
        String tampered;
        String removedAddress;
        Set<String> firstEvents;
        String vmId;
        try (TrustpoolSystem system = Launcher.start(first)) {
            Api api = new Api(system.apiUrl(), system.adminUser(), system.adminPassword());
            removed = system.hosts().get(0).name();
            removedAddress = system.hosts().get(0).address() + ":" + system.hosts().get(0).port();
            renamed = system.hosts().get(1).name();
            tampered = system.hosts().get(3).name();
            assertEquals("non_operational", hostStatus(api, tampered), "the demo's tampered host");

            // The administrator's changes, through the API.
            String tamperedId = hostId(api, tampered);
            assertEquals(200, api.post("/hosts/" + tamperedId + "/deactivate", "<action/>").status());
            SystemUnderTest.await(tampered + " in Maintenance", WAIT, () -> hostStatus(api, tampered), "maintenance"::equals);
            // a host is renamed in Maintenance only (its name is what the attestation service knows it by), then activated
            String renamedId = hostId(api, renamed);
            assertEquals(200, api.post("/hosts/" + renamedId + "/deactivate", "<action/>").status());
            SystemUnderTest.await(renamed + " in Maintenance", WAIT, () -> hostStatus(api, renamed), "maintenance"::equals);
            Api.Reply rename = api.put("/hosts/" + renamedId, "<host><name>renamed-by-admin</name></host>");
            assertEquals(200, rename.status(), rename.toString());
            assertEquals(200, api.post("/hosts/" + renamedId + "/activate", "<action/>").status());
            SystemUnderTest.await("renamed-by-admin Up", WAIT, () -> hostStatus(api, "renamed-by-admin"), "up"::equals);
            String removedId = hostId(api, removed);
            assertEquals(200, api.post("/hosts/" + removedId + "/deactivate", "<action/>").status());
            SystemUnderTest.await(removed + " in Maintenance", WAIT, () -> hostStatus(api, removed), "maintenance"::equals);
            Api.Reply delete = api.delete("/hosts/" + removedId);
            assertTrue(delete.status() / 100 == 2, delete.toString());
            String trustedId = api.get("/clusters?search=name%3DTrusted").at("/clusters/cluster/@id");
            Api.Reply edit = api.put("/clusters/" + trustedId, "<cluster><description>edited by the administrator</description></cluster>");
            assertEquals(200, edit.status(), edit.toString());
            Api.Reply vm = api.post("/vms", "<vm><name>admin-vm</name><cluster><name>Default</name></cluster>"
                    + "<template><name>Blank</name></template><memory>268435456</memory></vm>");
            assertEquals(201, vm.status(), vm.toString());
            vmId = vm.at("/vm/@id");
            assertEquals(3, api.get("/hosts").count("/hosts/host"));
            firstEvents = eventIds(api.get("/events?max=5000").body());
        }

        LaunchOptions second = builder.out(new PrintStream(new Tee(System.out, secondOutput), true, StandardCharsets.UTF_8)).build();
        long begin = System.nanoTime();
        try (TrustpoolSystem system = Launcher.start(second)) {
            double startedIn = (System.nanoTime() - begin) / 1e9;
            String printed = secondOutput.toString(StandardCharsets.UTF_8);
            Api api = new Api(system.apiUrl(), system.adminUser(), system.adminPassword());

            // what the second run said: the one host it added, and the changed ones it found as they are
            assertTrue(printed.contains("1 added (" + removed + ")"), printed);
            assertTrue(printed.contains("found from an earlier run:"), printed);
            assertTrue(printed.contains(tampered + " maintenance"), printed);
            assertTrue(printed.contains(renamed + " (now named renamed-by-admin)"), printed);

            // the administrator's changes are intact
            assertEquals("maintenance", hostStatus(api, tampered), "the host the administrator put into Maintenance stays there");
            assertEquals("", hostId(api, renamed), "the renamed host is not added again under its demo name");
            SystemUnderTest.await("the renamed host up", WAIT, () -> hostStatus(api, "renamed-by-admin"), "up"::equals);
            assertEquals("up", hostStatus(api, removed), "the removed demo host was added back and waited for");
            Api.Reply trusted = api.get("/clusters?search=name%3DTrusted");
            assertEquals(1, trusted.count("/clusters/cluster"), trusted.toString());
            assertEquals("edited by the administrator", trusted.at("/clusters/cluster/description"));

            // nothing doubled: four hosts, one each by name and by address; the VM once; the first run's events kept once
            Api.Reply hosts = api.get("/hosts");
            assertEquals(4, hosts.count("/hosts/host"), hosts.toString());
            List<String> names = values(hosts.body(), "<name>([^<]*)</name>");
            assertEquals(new HashSet<>(names).size(), names.size(), "host names unique: " + names);
            String[] at = removedAddress.split(":");
            assertEquals(1, hosts.count("/hosts/host[address='" + at[0] + "' and port='" + at[1] + "']"), "one host at " + removedAddress);
            Api.Reply vms = api.get("/vms");
            assertEquals(1, count(vms.body(), "<name>admin-vm</name>"), vms.toString());
            assertEquals(vmId, api.get("/vms/" + vmId).at("/vm/@id"));
            String events = api.get("/events?max=5000").body();
            List<String> allIds = values(events, "<event\\b[^>]*\\bid=\"([^\"]+)\"");
            assertEquals(new HashSet<>(allIds).size(), allIds.size(), "no event listed twice");
            assertTrue(new HashSet<>(allIds).containsAll(firstEvents), "every event of the first run is kept");
            assertEquals(1, count(events, "VM admin-vm was created by"),
                    "the VM's creation is recorded once");
            System.out.printf("FIGURE second_run_started_in=%.1f s%n", startedIn);
        }
    }

    private static String hostId(Api api, String name) {
        return api.get("/hosts").at("/hosts/host[name='" + name + "']/@id");
    }

    private static String hostStatus(Api api, String name) {
        return api.get("/hosts").at("/hosts/host[name='" + name + "']/status");
    }

    private static Set<String> eventIds(String events) {
        return new HashSet<>(values(events, "<event\\b[^>]*\\bid=\"([^\"]+)\""));
    }

    private static List<String> values(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The launcher's output to the console and to a buffer the test reads. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws java.io.IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
