package org.trustpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.trustpool.launcher.TrustpoolSystem;

/**
 * OVF between two setups: two engines, each with its own embedded PostgreSQL, share one export
 * directory (as two oVirt setups share an export domain). What one exports, the other lists and imports,
 * with everything that matters equal and the trust requirements kept.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OvfRoundTripIT {
    /** What must survive the trip, as the API shows it on a VM. */
    private static final List<String> VM_FIELDS = List.of("name", "description", "memory", "cpu/topology/sockets",
            "cpu/topology/cores", "os/type", "placement_policy/affinity", "high_availability/enabled", "creation_time",
            "trusted_host_flag", "template/@id");
    private static final List<String> TEMPLATE_FIELDS = List.of("name", "description", "memory", "cpu/topology/sockets",
            "os/type", "trusted_host_flag");

    private TrustpoolSystem source;
    private TrustpoolSystem target;
    private Api a;
    private Api b;

    @BeforeAll
    void startTwoEngines() throws Exception {
        Path shared = SystemUnderTest.freshDir("ovf-export-domain");
        source = SystemUnderTest.start(SystemUnderTest.freshDir("ovf-source"), SystemUnderTest.PORT + 400);
        target = SystemUnderTest.start(SystemUnderTest.freshDir("ovf-target"), SystemUnderTest.PORT + 500);
        a = new Api(source.apiUrl(), source.adminUser(), source.adminPassword());
        b = new Api(target.apiUrl(), target.adminUser(), target.adminPassword());
        for (Api engine : List.of(a, b)) {
            Api.Reply option = engine.put("/options/ExportDomainPath", "<option><value>" + shared + "</value></option>");
            assertEquals(200, option.status(), option.toString());
        }
    }

    @AfterAll
    void stop() {
        if (target != null) {
            target.close();
        }
        if (source != null) {
            source.close();
        }
    }

    @Test
    void vmsAndTemplatesTravelToAnotherEngineWithTheirTrust() {
        // engine A: a trusted cluster, a trusted VM, a template made from it, a VM made from the template
        assertEquals(201, a.post("/clusters", "<cluster><name>secure-a</name><trusted_service>true</trusted_service></cluster>").status());
        Api.Reply db = a.post("/vms", "<vm><name>db-01</name><description>the database</description><cluster><name>secure-a</name></cluster>"
                + "<memory>2147483648</memory><cpu><topology><sockets>2</sockets><cores>1</cores></topology></cpu>"
                + "<os><type>rhel_8x64</type></os><high_availability><enabled>true</enabled></high_availability>"
                + "<placement_policy><affinity>user_migratable</affinity></placement_policy>"
                + "<trusted_host_flag>true</trusted_host_flag></vm>");
        assertEquals(201, db.status(), db.toString());
        String dbId = db.at("/vm/@id");
        Api.Reply golden = a.post("/templates", "<template><name>golden</name><description>hardened base</description><vm id=\"" + dbId + "\"/></template>");
        assertEquals(201, golden.status(), golden.toString());
        String goldenId = golden.at("/template/@id");
        Api.Reply app = a.post("/vms", "<vm><name>app-01</name><description>the application</description><cluster><name>secure-a</name></cluster><template><name>golden</name></template></vm>");
        assertEquals(201, app.status(), app.toString());
        String appId = app.at("/vm/@id");
        assertEquals("true", app.at("/vm/trusted_host_flag"), "inherited from the template");

        assertEquals(200, a.post("/templates/" + goldenId + "/export", "<action/>").status());
        assertEquals(200, a.post("/vms/" + dbId + "/export", "<action/>").status());
        assertEquals(200, a.post("/vms/" + appId + "/export", "<action/>").status());

        // engine B lists what A exported, with where it came from and its trust
        Api.Reply listed = b.get("/exports/vms");
        assertEquals(1, listed.count("/vms/vm[@id='" + appId + "']"), listed.toString());
        assertEquals("secure-a", listed.at("/vms/vm[@id='" + dbId + "']/cluster/name"));
        assertEquals("true", listed.at("/vms/vm[@id='" + dbId + "']/cluster/trusted_service"));
        assertEquals("true", listed.at("/vms/vm[@id='" + dbId + "']/trusted_host_flag"));
        Api.Reply templates = b.get("/exports/templates");
        assertEquals("golden", templates.at("/templates/template[@id='" + goldenId + "']/name"), templates.toString());
        assertEquals("true", templates.at("/templates/template[@id='" + goldenId + "']/cluster/trusted_service"));

        // into a trusted cluster of B: template first, so the VM made from it links to it again
        assertEquals(201, b.post("/clusters", "<cluster><name>secure-b</name><trusted_service>true</trusted_service></cluster>").status());
        assertImported(b.post("/exports/templates/" + goldenId + "/import", "<action><cluster><name>secure-b</name></cluster></action>"));
        assertImported(b.post("/exports/vms/" + dbId + "/import", "<action><cluster><name>secure-b</name></cluster></action>"));
        assertImported(b.post("/exports/vms/" + appId + "/import", "<action><cluster><name>secure-b</name></cluster></action>"));

        assertSame(a.get("/templates/" + goldenId), b.get("/templates/" + goldenId), "/template/", TEMPLATE_FIELDS);
        assertSame(a.get("/vms/" + dbId), b.get("/vms/" + dbId), "/vm/", VM_FIELDS);
        assertSame(a.get("/vms/" + appId), b.get("/vms/" + appId), "/vm/", VM_FIELDS);
        assertEquals(goldenId, b.get("/vms/" + appId).at("/vm/template/@id"), "the template link survives");
        assertEquals(b.get("/clusters?search=name%3Dsecure-b").at("/clusters/cluster/@id"), b.get("/vms/" + dbId).at("/vm/cluster/@id"));
        assertEquals("down", b.get("/vms/" + dbId).at("/vm/status"));

        // the two engines really are two: A's database never heard of secure-b, B's never of secure-a
        assertEquals(0, a.get("/clusters?search=name%3Dsecure-b").count("/clusters/cluster"));
        assertEquals(0, b.get("/clusters?search=name%3Dsecure-a").count("/clusters/cluster"));
        String eventsA = a.get("/events?max=100").body();
        String eventsB = b.get("/events?max=100").body();
        assertTrue(eventsA.contains("Template golden was exported") && eventsA.contains("VM db-01 was exported"), eventsA);
        assertTrue(eventsB.contains("VM db-01 was imported into cluster secure-b"), eventsB);
        assertFalse(eventsB.contains("was exported"), "B exported nothing");

        // importing it a second time is refused: the id is taken
        Api.Reply again = b.post("/exports/vms/" + dbId + "/import", "<action><cluster><name>secure-b</name></cluster></action>");
        assertEquals(409, again.status(), again.toString());
    }

    @Test
    void aTrustedTemplateIntoAPlainClusterOfTheOtherEngineNeedsConfirmation() {
        assertEquals(201, a.post("/clusters", "<cluster><name>vault-a</name><trusted_service>true</trusted_service></cluster>").status());
        Api.Reply vm = a.post("/vms", "<vm><name>vault-src</name><cluster><name>vault-a</name></cluster></vm>");
        assertEquals(201, vm.status(), vm.toString());
        Api.Reply template = a.post("/templates", "<template><name>vault-base</name><vm id=\"" + vm.at("/vm/@id") + "\"/></template>");
        String id = template.at("/template/@id");
        assertEquals(200, a.post("/templates/" + id + "/export", "<action/>").status());

        Api.Reply refused = b.post("/exports/templates/" + id + "/import", "<action><cluster><name>Default</name></cluster></action>");
        assertEquals(409, refused.status(), refused.toString());
        assertTrue(refused.at("/fault/detail").contains("Template vault-base was exported from a trusted cluster"), refused.toString());
        assertEquals(404, b.get("/templates/" + id).status(), "nothing was created");

        assertImported(b.post("/exports/templates/" + id + "/import", "<action><cluster><name>Default</name></cluster><force>true</force></action>"));
        assertEquals("vault-base", b.get("/templates/" + id).at("/template/name"));
        assertTrue(b.get("/events?max=50").body().contains("Template vault-base was imported into cluster Default by admin@internal."
                + " It came from a trusted cluster; admin@internal confirmed importing it into this cluster, which is not trusted."));
    }

    @Test
    void aSecondExportNeedsForceOverrideAndAnExportCanBeRemoved() {
        Api.Reply vm = a.post("/vms", "<vm><name>twice</name><cluster><name>Default</name></cluster></vm>");
        String id = vm.at("/vm/@id");
        assertEquals(200, a.post("/vms/" + id + "/export", "<action/>").status());
        Api.Reply second = a.post("/vms/" + id + "/export", "<action/>");
        assertEquals(409, second.status(), second.toString());
        assertTrue(second.at("/fault/detail").contains("already in the export directory"), second.toString());
        assertEquals(200, a.put("/vms/" + id, "<vm><description>second version</description></vm>").status());
        assertEquals(200, a.post("/vms/" + id + "/export", "<action><exclusive>true</exclusive></action>").status());
        assertEquals("second version", b.get("/exports/vms").at("/vms/vm[@id='" + id + "']/description"), "B sees the replaced export");

        assertEquals(200, b.delete("/exports/vms/" + id).status());
        assertEquals(0, a.get("/exports/vms").count("/vms/vm[@id='" + id + "']"), "gone for both engines");
        assertEquals(404, b.delete("/exports/vms/" + id).status());
        assertTrue(b.get("/events?max=50").body().contains("VM twice was removed from the export directory"));
    }

    private static void assertImported(Api.Reply reply) {
        assertEquals(200, reply.status(), reply.toString());
        assertEquals("complete", reply.at("/action/status"), reply.toString());
    }

    /** OVF keeps dates to the second (oVirt's yyyy/MM/dd HH:mm:ss), so times are compared to the second. */
    private static String seconds(String field, String value) {
        return field.endsWith("_time") && value.length() > 19 ? value.substring(0, 19) : value;
    }

    private static void assertSame(Api.Reply there, Api.Reply here, String root, List<String> fields) {
        assertEquals(200, there.status(), there.toString());
        assertEquals(200, here.status(), here.toString());
        for (String field : fields) {
            String expected = seconds(field, there.at(root + field));
            assertFalse(expected.isEmpty(), field + " is empty on the source engine: " + there);
            assertEquals(expected, seconds(field, here.at(root + field)), field + " differs after the trip: " + here);
        }
    }
}
