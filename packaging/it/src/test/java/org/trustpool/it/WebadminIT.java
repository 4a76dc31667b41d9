package org.trustpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.WebDriver;
import org.trustpool.launcher.TrustpoolSystem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;


/**
 * The admin portal in headless Chromium against the real system (WildFly with the EAR, PostgreSQL, two
 * real host-agent processes as hosts), one test per test case of the feature's page. The trust cases add
 * host agents registered with the real attestation service, one of them booted with a tampered kernel.
 * What the portal shows is checked against the API too, so a test passes only when the engine really did
 * what the screen says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebadminIT {
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(90);
    private static final String CLUSTER = "portal";
    private static final Path AGENT_JAR = SystemUnderTest.DIST.resolve("trustpool-hostagent-all.jar");
    /** A plain cluster with one trusted and one tampered (untrusted) attested host. */
    private static final String TRUST_CLUSTER = "portal-trust";
    /** A trusted cluster (Trusted Service) whose VM is exported and imported elsewhere. */
    private static final String EXPORT_TRUSTED_CLUSTER = "portal-exp-trusted";

    private TrustpoolSystem system;
    private Api api;
    private AgentProcess agentA;
    private AgentProcess agentB;
    private String hostA;
    private String hostB;
    private WebDriver driver;
    private Portal portal;
    private final List<AttestedAgent> attested = new ArrayList<>();
    private AttestedAgent goodAgent;
    private AttestedAgent badAgent;
    private String goodHost;
    private String badHost;

    @RegisterExtension
    final Browser.ScreenshotOnFailure screenshots = new Browser.ScreenshotOnFailure(() -> driver);

    @BeforeAll
    void startSystem() throws Exception {
        Browser.requireInstalled(); // before a minute of starting the system for nothing
        system = SystemUnderTest.start(SystemUnderTest.freshDir("webadmin"), SystemUnderTest.PORT);
        api = new Api(system.apiUrl(), system.adminUser(), system.adminPassword());
        Api.Reply cluster = api.post("/clusters", clusterXml(CLUSTER));
        assertEquals(201, cluster.status(), cluster.toString());
        agentA = AgentProcess.start(AGENT_JAR, "portal-a-", system.dataDir());
        agentB = AgentProcess.start(AGENT_JAR, "portal-b-", system.dataDir());
        hostA = addHost(agentA, CLUSTER);
        hostB = addHost(agentB, CLUSTER);
        SystemUnderTest.await("host A up", UP_TIMEOUT, () -> hostStatus(hostA), "up"::equals);
        SystemUnderTest.await("host B up", UP_TIMEOUT, () -> hostStatus(hostB), "up"::equals);
    }

    @AfterAll
    void stopSystem() throws Exception {
        for (AttestedAgent agent : attested) {
            agent.kill();
        }
        if (agentA != null) {
            agentA.close();
        }
        if (agentB != null) {
            agentB.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        driver = Browser.start();
        portal = new Portal(driver, system.webadminUrl().toString());
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    private void login() {
        portal.login(system.adminUser(), system.adminPassword());
    }

    // ------------------------------------------------------------------ login and logout

    @Test
    void logInShowsTheMainTabs() {
        login();
        assertEquals("Logged in as admin@internal", portal.text("header-user"));
        for (String tab : List.of("clusters", "hosts", "vms", "templates", "exports", "events")) {
            portal.tab(tab);
        }
        // The Events tab is the audit log, newest first, with its severity.
        portal.awaitRow("events", portal.await("an event", d -> d.findElement(By.cssSelector("#events-table tr.row"))
                .getAttribute("id").substring("events-row-".length())));
        assertTrue(Set.of("normal", "warning", "error", "alert").contains(
                driver.findElement(By.cssSelector("#events-table tr.row td[data-col='severity']")).getText()));
    }

    @Test
    void wrongPasswordStaysOnTheLoginScreenWithAMessage() {
        portal.open();
        assertEquals("", portal.value("login-user"), "the form is not pre-filled: it names no account");
        portal.type("login-user", "admin@internal");
        portal.type("login-password", "not-the-password");
        portal.click("login-button");
        assertEquals("The user name or password is not correct.",
                portal.await("a login message", d -> {
                    String text = d.findElement(By.id("login-message")).getText();
                    return text.isEmpty() ? null : text;
                }));
        assertTrue(portal.onLoginScreen());
    }

    @Test
    void logoutReturnsToTheLoginScreenAndForgetsTheCredentials() {
        login();
        portal.tab("hosts");
        portal.logout();
        assertTrue(portal.onLoginScreen());
        assertEquals("", portal.value("login-password"), "the password is not kept in the form");
        // Nothing of the session is left: the lists stop asking the API (they refresh every 3 s while logged in).
        double loggedOut = pageClock();
        sleep(4000); // proving that nothing happens takes waiting: there is no event to await
        assertEquals(0L, apiRequestsStartedAfter(loggedOut), "API requests started after logout");
        assertTrue(portal.onLoginScreen());
        login(); // and a new session starts cleanly
        assertEquals("Logged in as admin@internal", portal.text("header-user"));
    }

    @Test
    void sessionReturnsToTheLoginScreenWhenTheEngineStopsAcceptingThePassword() {
        Api.Reply user = api.post("/users", "<user><user_name>portal-op@internal</user_name>"
                + "<password>portal-op-pass-1</password><role>admin</role></user>");
        assertEquals(201, user.status(), user.toString());
        portal.login("portal-op@internal", "portal-op-pass-1");
        assertEquals("Logged in as portal-op@internal", portal.text("header-user"));
        Api.Reply changed = api.put("/users/" + user.at("/user/@id"), "<user><password>portal-op-pass-2</password></user>");
        assertEquals(200, changed.status(), changed.toString());
        // The next refresh is answered 401: back to the login screen, saying why.
        assertEquals("The engine no longer accepts your credentials. Please log in again.",
                portal.await("the login screen's message", d -> {
                    String text = d.findElement(By.id("login-message")).getText();
                    return text.isEmpty() ? null : text;
                }));
        assertTrue(portal.onLoginScreen());
    }

    // ------------------------------------------------------------------ clusters

    @Test
    void newClusterDialogCreatesTheClusterAndEditKeepsIt() {
        login();
        portal.tab("clusters");
        portal.click("clusters-new");
        portal.type("cluster-name", "made-in-portal");
        portal.type("cluster-description", "from the New Cluster dialog");
        assertEquals("Default", portal.chosen("cluster-datacenter"));
        portal.choose("cluster-cpu", "Intel Haswell Family");
        portal.choose("cluster-version", "4.6");
        // The Scheduling Policy side tab is divided into "scheduling policy" and "additional properties".
        portal.sideTab("cluster", "scheduling");
        assertTrue(portal.text("cluster-section-scheduling-policy").startsWith("scheduling policy"));
        assertTrue(portal.text("cluster-section-additional-properties").startsWith("additional properties"));
        // "Enable Trusted Service" is in "additional properties", off by default.
        assertTrue(portal.displayed("cluster-trusted-service"));
        assertFalse(portal.input("cluster-trusted-service").isSelected());
        portal.click("cluster-dialog-ok");
        portal.awaitClosed("cluster-dialog");

        portal.awaitRow("clusters", "made-in-portal");
        assertEquals("Intel Haswell Family", portal.cellText("clusters", "made-in-portal", "cpu"));
        assertEquals("4.6", portal.cellText("clusters", "made-in-portal", "version"));
        assertEquals("Default", portal.cellText("clusters", "made-in-portal", "datacenter"));
        Api.Reply created = api.get("/clusters");
        assertEquals("Intel Haswell Family", created.at("/clusters/cluster[name='made-in-portal']/cpu/type"), created.toString());
        assertEquals("6", created.at("/clusters/cluster[name='made-in-portal']/version/minor"));

        portal.select("clusters", "made-in-portal");
        portal.click("clusters-edit");
        assertEquals("made-in-portal", portal.value("cluster-name"));
        assertEquals("Intel Haswell Family", portal.chosen("cluster-cpu"));
        portal.type("cluster-description", "edited");
        portal.click("cluster-dialog-ok");
        portal.awaitClosed("cluster-dialog");
        portal.awaitCell("clusters", "made-in-portal", "description", "edited", Portal.WAIT);
    }

    @Test
    void engineValidationMessageIsShownInTheDialogInWords() {
        login();
        portal.tab("clusters");
        portal.click("clusters-new");
        portal.type("cluster-name", "bad name!");
        portal.click("cluster-dialog-ok");
        String error = portal.text("cluster-dialog-error");
        assertEquals("Cannot add Cluster. The name may contain only letters, digits, '_', '-' and '.'.", error);
        assertTrue(portal.displayed("cluster-dialog"), "the dialog stays open to correct the name");
        portal.click("cluster-dialog-cancel");
        assertFalse(api.get("/clusters").body().contains("bad name!"));
    }

    // ------------------------------------------------------------------ hosts

    @Test
    void hostsTabShowsTheHostsUp() throws Exception {
        login();
        portal.tab("hosts");
        portal.awaitCell("hosts", agentA.name, "status", "Up", UP_TIMEOUT);
        portal.awaitCell("hosts", agentB.name, "status", "Up", UP_TIMEOUT);
        assertEquals(CLUSTER, portal.cellText("hosts", agentA.name, "cluster"));
        assertEquals("127.0.0.1:" + agentA.port(), portal.cellText("hosts", agentA.name, "address"));

        // The list refreshes on its own and keeps the selection (and with it the enabled actions).
        portal.select("hosts", agentA.name);
        String refreshed = portal.text("refresh-status");
        portal.await("the next refresh", d -> !refreshed.equals(d.findElement(By.id("refresh-status")).getText()));
        assertTrue(driver.findElement(Portal.row("hosts", agentA.name)).getAttribute("class").contains("selected"));
        assertTrue(portal.enabled("hosts-maintenance"));
    }

    @Test
    void hostAddedInTheDialogReachesUpThenMaintenanceAndActivate() throws Exception {
        String cluster = "portal-hosts";
        assertEquals(201, api.post("/clusters", clusterXml(cluster)).status());
        try (AgentProcess agent = AgentProcess.start(AGENT_JAR, "portal-c-", system.dataDir())) {
            login();
            portal.tab("hosts");
            portal.click("hosts-new");
            portal.type("host-name", agent.name);
            portal.type("host-address", "127.0.0.1");
            portal.type("host-port", String.valueOf(agent.port()));
            portal.choose("host-cluster", cluster);
            portal.click("host-dialog-ok");
            portal.awaitClosed("host-dialog");
            portal.awaitCell("hosts", agent.name, "status", "Up", UP_TIMEOUT);
            assertEquals(cluster, portal.cellText("hosts", agent.name, "cluster"));

            portal.select("hosts", agent.name);
            portal.click("hosts-maintenance");
            assertTrue(portal.text("confirm-text").startsWith("Put host " + agent.name + " into maintenance?"));
            portal.click("confirm-ok");
            portal.awaitCell("hosts", agent.name, "status", "Maintenance", UP_TIMEOUT);
            assertTrue(portal.message().contains("maintenance"));

            portal.select("hosts", agent.name);
            portal.click("hosts-activate");
            portal.awaitCell("hosts", agent.name, "status", "Up", UP_TIMEOUT);

            // An Up host is not offered for removal (the engine would refuse it: its VMs run there).
            portal.select("hosts", agent.name);
            assertFalse(portal.enabled("hosts-remove"), "Remove is for hosts out of service");
            assertFalse(portal.enabled("hosts-activate"), "an Up host is active already");
            assertTrue(portal.enabled("hosts-maintenance"));

            // Maintenance, then Remove: the host leaves the list.
            portal.select("hosts", agent.name);
            portal.click("hosts-maintenance");
            portal.click("confirm-ok");
            portal.awaitCell("hosts", agent.name, "status", "Maintenance", UP_TIMEOUT);
            portal.select("hosts", agent.name);
            assertTrue(portal.enabled("hosts-remove"));
            portal.click("hosts-remove");
            portal.click("confirm-ok");
            portal.awaitNoRow("hosts", agent.name);
        }
    }

    @Test
    void editHostRenamesAndMovesAHostOnlyInMaintenance() throws Exception {
        String from = "portal-edit-from";
        String to = "portal-edit-to";
        assertEquals(201, api.post("/clusters", clusterXml(from)).status());
        assertEquals(201, api.post("/clusters", clusterXml(to)).status());
        try (AgentProcess agent = AgentProcess.start(AGENT_JAR, "portal-e-", system.dataDir())) {
            String id = addHost(agent, from);
            SystemUnderTest.await("host up", UP_TIMEOUT, () -> hostStatus(id), "up"::equals);
            login();
            portal.tab("hosts");
            portal.awaitCell("hosts", agent.name, "status", "Up", UP_TIMEOUT);

            // While Up the engine refuses a move, in its words, and the dialog stays open to cancel.
            portal.select("hosts", agent.name);
            portal.click("hosts-edit");
            assertEquals(agent.name, portal.value("host-name"));
            assertEquals(String.valueOf(agent.port()), portal.value("host-port"));
            portal.choose("host-cluster", to);
            portal.click("host-dialog-ok");
            String refused = portal.text("host-dialog-error");
            assertTrue(refused.contains("Maintenance"), refused);
            portal.click("host-dialog-cancel");
            assertEquals(from, portal.cellText("hosts", agent.name, "cluster"));

            portal.select("hosts", agent.name);
            portal.click("hosts-maintenance");
            portal.click("confirm-ok");
            portal.awaitCell("hosts", agent.name, "status", "Maintenance", UP_TIMEOUT);
            portal.select("hosts", agent.name);
            portal.click("hosts-edit");
            portal.type("host-name", agent.name + "-moved");
            portal.choose("host-cluster", to);
            portal.click("host-dialog-ok");
            portal.awaitClosed("host-dialog");
            portal.awaitCell("hosts", agent.name + "-moved", "cluster", to, UP_TIMEOUT);
            Api.Reply host = api.get("/hosts/" + id);
            assertEquals(agent.name + "-moved", host.at("/host/name"));
            assertEquals(api.get("/clusters?search=name%3D" + to).at("/clusters/cluster/@id"), host.at("/host/cluster/@id"));
            assertEquals(String.valueOf(agent.port()), host.at("/host/port"), "what was not edited stays");
        }
    }

    // ------------------------------------------------------------------ VMs

    @Test
    void newVmOnAnyHostThenEditedToSpecificHostKeepsIt() {
        login();
        portal.tab("vms");
        portal.click("vms-new");
        portal.type("vm-name", "vm-any");
        portal.choose("vm-cluster", CLUSTER);
        assertEquals("Blank", portal.chosen("vm-template"));
        portal.type("vm-memory", "256");
        portal.type("vm-cpus", "2");
        portal.sideTab("vm", "host");
        assertTrue(portal.input("vm-runon-any").isSelected(), "Any Host in Cluster is the default");
        assertEquals("Any Host in Cluster", driver.findElement(By.id("vm-runon-any")).getText());
        // "Run on Trusted Host" is the third option, not chosen by default.
        assertEquals("Run on Trusted Host", driver.findElement(By.id("vm-runon-trusted")).getText());
        assertFalse(portal.input("vm-runon-trusted").isSelected());
        assertEquals(List.of("migratable", "pinned"), portal.options("vm-migration"));
        assertEquals("migratable", portal.chosen("vm-migration"));
        portal.click("vm-dialog-ok");
        portal.awaitClosed("vm-dialog");

        portal.awaitRow("vms", "vm-any");
        assertEquals("Any Host in Cluster", portal.cellText("vms", "vm-any", "runon"));
        assertEquals("256", portal.cellText("vms", "vm-any", "memory"));
        assertEquals("2", portal.cellText("vms", "vm-any", "cpus"));
        String vmId = vmId("vm-any");
        Api.Reply vm = api.get("/vms/" + vmId);
        assertEquals("migratable", vm.at("/vm/placement_policy/affinity"));
        assertEquals(0, vm.count("/vm/placement_policy/hosts/host"), vm.toString());

        portal.select("vms", "vm-any");
        portal.click("vms-edit");
        portal.sideTab("vm", "host");
        portal.input("vm-runon-specific").click();
        portal.choose("vm-specific-host", agentB.name);
        assertEquals("pinned", portal.chosen("vm-migration"), "a VM on a specific host is pinned");
        assertFalse(portal.enabled("vm-migration"));
        portal.click("vm-dialog-ok");
        portal.awaitClosed("vm-dialog");
        portal.awaitCell("vms", "vm-any", "runon", agentB.name, Portal.WAIT);
        assertEquals("pinned", portal.cellText("vms", "vm-any", "migration"));

        // Reopened, the dialog shows what was kept.
        portal.select("vms", "vm-any");
        portal.click("vms-edit");
        portal.sideTab("vm", "host");
        assertTrue(portal.input("vm-runon-specific").isSelected());
        assertFalse(portal.input("vm-runon-any").isSelected());
        assertEquals(agentB.name, portal.chosen("vm-specific-host"));
        portal.click("vm-dialog-cancel");
        vm = api.get("/vms/" + vmId);
        assertEquals("pinned", vm.at("/vm/placement_policy/affinity"));
        assertEquals(hostB, vm.at("/vm/placement_policy/hosts/host/@id"), vm.toString());
    }

    @Test
    void makeTemplateFromPoweredOffVmAndFindItInBasedOnTemplate() {
        String vmId = createVm("vm-tpl-source", 384);
        login();
        portal.tab("vms");
        portal.awaitCell("vms", "vm-tpl-source", "status", "Down", Portal.WAIT);
        portal.select("vms", "vm-tpl-source");
        portal.click("vms-maketemplate");
        portal.type("template-name", "tpl-portal");
        portal.type("template-description", "made from vm-tpl-source");
        portal.click("template-dialog-ok");
        portal.awaitClosed("template-dialog");

        portal.tab("templates");
        portal.awaitRow("templates", "tpl-portal");
        assertEquals("384", portal.cellText("templates", "tpl-portal", "memory"));
        assertEquals("tpl-portal", api.get("/templates").at("/templates/template[name='tpl-portal']/name"));

        portal.tab("vms");
        portal.click("vms-new");
        assertTrue(portal.options("vm-template").contains("tpl-portal"), portal.options("vm-template").toString());
        portal.choose("vm-template", "tpl-portal");
        assertEquals("384", portal.value("vm-memory"), "a new VM starts with its template's memory");
        portal.click("vm-dialog-cancel");
        assertEquals("down", api.get("/vms/" + vmId).at("/vm/status"));
    }

    @Test
    void runVmAndSeeItUpOnAHostThenStop() throws Exception {
        String vmId = createVm("vm-run", 256);
        login();
        portal.tab("vms");
        portal.select("vms", "vm-run");
        assertTrue(portal.enabled("vms-maketemplate"), "a powered-off VM can become a template");
        assertTrue(portal.enabled("vms-export"), "a powered-off VM can be exported");
        portal.click("vms-run");
        portal.awaitCell("vms", "vm-run", "status", "Up", UP_TIMEOUT);
        String host = portal.cellText("vms", "vm-run", "host");
        assertTrue(Set.of(agentA.name, agentB.name).contains(host), host);
        AgentProcess agent = host.equals(agentA.name) ? agentA : agentB;
        assertTrue(agent.vmList().contains(vmId), "the host's agent really runs it: " + agent.vmList());
        assertEquals("VM vm-run was started.", portal.message());
        portal.select("vms", "vm-run");
        assertFalse(portal.enabled("vms-maketemplate"), "Make Template is for powered-off VMs only");
        assertFalse(portal.enabled("vms-export"), "Export is for powered-off VMs only");

        portal.click("vms-stop");
        portal.click("confirm-ok");
        portal.awaitCell("vms", "vm-run", "status", "Down", UP_TIMEOUT);
        assertFalse(agent.vmList().contains(vmId), agent.vmList());
    }

    @Test
    void runOnceOnAChosenHostThenMigrateToTheOther() throws Exception {
        String vmId = createVm("vm-once", 256);
        login();
        portal.tab("vms");
        portal.select("vms", "vm-once");
        portal.click("vms-runonce");
        assertTrue(portal.input("runonce-auto").isSelected(), "the scheduler chooses unless a host is picked");
        assertFalse(portal.enabled("runonce-host"));
        portal.input("runonce-manual").click();
        portal.choose("runonce-host", agentA.name);
        portal.click("runonce-dialog-ok");
        portal.awaitClosed("runonce-dialog");
        portal.awaitCell("vms", "vm-once", "status", "Up", UP_TIMEOUT);
        assertEquals(agentA.name, portal.cellText("vms", "vm-once", "host"));
        assertTrue(agentA.vmList().contains(vmId), agentA.vmList());

        portal.select("vms", "vm-once");
        portal.click("vms-migrate");
        portal.input("migrate-manual").click();
        assertEquals(List.of(agentB.name), portal.options("migrate-host"), "the other Up host of the cluster");
        portal.click("migrate-dialog-ok");
        portal.awaitClosed("migrate-dialog");
        portal.awaitCell("vms", "vm-once", "host", agentB.name, UP_TIMEOUT);
        assertTrue(agentB.vmList().contains(vmId), agentB.vmList());
        assertFalse(agentA.vmList().contains(vmId), agentA.vmList());
        assertEquals(hostB, api.get("/vms/" + vmId).at("/vm/host/@id"));
        api.post("/vms/" + vmId + "/stop", "<action/>");
    }

    @Test
    void refusedActionShowsTheEnginesMessageInWords() {
        // A template that VMs were made from is not removed; the engine says so, in words.
        String sourceId = createVm("vm-tpl-inuse-src", 256);
        Api.Reply template = api.post("/templates", "<template><name>tpl-inuse</name><vm id=\"" + sourceId + "\"/></template>");
        assertEquals(201, template.status(), template.toString());
        Api.Reply child = api.post("/vms", "<vm><name>vm-from-inuse</name><cluster><name>" + CLUSTER + "</name></cluster>"
                + "<template><name>tpl-inuse</name></template><memory>268435456</memory></vm>");
        assertEquals(201, child.status(), child.toString());
        login();
        portal.tab("templates");
        portal.select("templates", "tpl-inuse");
        portal.click("templates-remove");
        assertEquals("Remove template tpl-inuse?", portal.text("confirm-text"));
        portal.click("confirm-ok");
        String message = portal.message();
        assertEquals("Cannot remove Template. VMs were made from this template: vm-from-inuse.", message);
        assertTrue(portal.messageStyle().contains("error"));
        assertFalse(message.contains("ACTION_TYPE") || message.contains("["), "words, not codes: " + message);
        portal.awaitRow("templates", "tpl-inuse");
        assertEquals("tpl-inuse", api.get("/templates").at("/templates/template[name='tpl-inuse']/name"), "nothing was removed");
    }

    // ------------------------------------------------------------------ export and import (OVF)

    @Test
    void exportedTrustedVmGoesIntoAPlainClusterOnlyWhenTheAdministratorConfirms() {
        Api.Reply secure = api.post("/clusters", trustedClusterXml(EXPORT_TRUSTED_CLUSTER));
        assertEquals(201, secure.status(), secure.toString());
        Api.Reply created = api.post("/vms", "<vm><name>exp-trusted</name><description>runs attested</description>"
                + "<cluster><name>" + EXPORT_TRUSTED_CLUSTER + "</name></cluster><template><name>Blank</name></template>"
                + "<memory>" + 256L * 1024 * 1024 + "</memory><trusted_host_flag>true</trusted_host_flag></vm>");
        assertEquals(201, created.status(), created.toString());
        String vmId = created.at("/vm/@id");
        login();
        portal.tab("vms");
        portal.awaitCell("vms", "exp-trusted", "status", "Down", Portal.WAIT);
        portal.select("vms", "exp-trusted");
        portal.click("vms-export");
        assertEquals("Export Virtual Machine", portal.dialogTitle("export-dialog"));
        assertFalse(portal.input("export-force").isSelected(), "Force Override is off by default");
        portal.click("export-dialog-ok");
        portal.awaitClosed("export-dialog");
        assertEquals("VM exp-trusted was exported.", portal.message());
        Api.Reply exported = api.get("/exports/vms");
        assertEquals("true", exported.at("/vms/vm[@id='" + vmId + "']/cluster/trusted_service"), exported.toString());
        assertEquals("true", exported.at("/vms/vm[@id='" + vmId + "']/trusted_host_flag"));
        Api.Reply removed = api.delete("/vms/" + vmId);
        assertEquals(200, removed.status(), removed.toString());

        portal.tab("exports");
        portal.awaitRow("exports", "vm-exp-trusted");
        assertEquals("VM", portal.cellText("exports", "vm-exp-trusted", "type"));
        assertEquals(EXPORT_TRUSTED_CLUSTER, portal.cellText("exports", "vm-exp-trusted", "origin"));
        assertEquals("yes", portal.cellText("exports", "vm-exp-trusted", "trusted"));
        assertEquals("yes", portal.cellText("exports", "vm-exp-trusted", "trustedhost"));
        assertEquals("runs attested", portal.cellText("exports", "vm-exp-trusted", "description"));
        portal.select("exports", "vm-exp-trusted");
        portal.click("exports-import");
        assertEquals("Import Virtual Machine", portal.dialogTitle("import-dialog"));
        assertEquals(EXPORT_TRUSTED_CLUSTER, portal.chosen("import-cluster"), "the cluster it came from, when it exists here");
        assertTrue(portal.text("import-trust-hint").contains(EXPORT_TRUSTED_CLUSTER), portal.text("import-trust-hint"));
        portal.choose("import-cluster", CLUSTER);
        assertTrue(portal.text("import-trust-hint").contains("Cluster " + CLUSTER + " is not trusted"), portal.text("import-trust-hint"));
        portal.click("import-dialog-ok");

        // Not an error but a question, in the engine's own words: the same refusal the API gives without force.
        String question = portal.text("import-confirm-text");
        assertFalse(portal.displayed("import-dialog-error"), "the refusal is a question, not an error");
        assertTrue(question.contains("exported from a trusted cluster") && question.contains("cluster " + CLUSTER + " is not trusted"), question);
        Api.Reply refused = api.post("/exports/vms/" + vmId + "/import", "<action><cluster><name>" + CLUSTER + "</name></cluster></action>");
        assertEquals(409, refused.status(), refused.toString());
        assertTrue(refused.at("/fault/detail").contains(question), refused + " / " + question);
        assertEquals("Import Anyway", driver.findElement(By.id("import-confirm-ok")).getText());
        portal.click("import-confirm-cancel");
        portal.awaitClosed("import-confirm");
        assertEquals(404, api.get("/vms/" + vmId).status(), "Cancel imports nothing");
        assertEquals(0, api.get("/vms").count("/vms/vm[name='exp-trusted']"));
        // Still not imported when asked again (a forced import sent at Cancel would make this a name clash):
        // the import dialog stayed open, and the engine asks the same question.
        assertTrue(portal.displayed("import-dialog"));
        portal.click("import-dialog-ok");
        assertEquals(question, portal.text("import-confirm-text"));
        portal.click("import-confirm-ok");
        portal.awaitClosed("import-confirm");
        portal.awaitClosed("import-dialog");
        assertEquals("VM exp-trusted was imported into cluster " + CLUSTER + ".", portal.message());

        Api.Reply vm = api.get("/vms/" + vmId);
        assertEquals(200, vm.status(), vm.toString());
        assertEquals("exp-trusted", vm.at("/vm/name"));
        assertEquals(clusterId(CLUSTER), vm.at("/vm/cluster/@id"));
        assertEquals("true", vm.at("/vm/trusted_host_flag"), "Run on Trusted Host travels with the VM");
        Api.Reply events = api.get("/events?max=100");
        assertEquals(1, events.count("/events/event[contains(description, 'VM exp-trusted was imported into cluster " + CLUSTER
                + "') and contains(description, '" + system.adminUser() + " confirmed importing it into this cluster, which is not trusted')]"),
                events.toString());
        portal.tab("vms");
        portal.awaitCell("vms", "exp-trusted", "runon", "Trusted Host", Portal.WAIT);
        assertEquals(CLUSTER, portal.cellText("vms", "exp-trusted", "cluster"));
    }

    @Test
    void templateExportedFromTheTemplatesTabImportsBackIntoACluster() {
        String vmId = createVm("exp-tpl-source", 288);
        Api.Reply made = api.post("/templates", "<template><name>exp-tpl</name><description>carried over</description>"
                + "<vm id=\"" + vmId + "\"/></template>");
        assertEquals(201, made.status(), made.toString());
        String templateId = made.at("/template/@id");
        login();
        portal.tab("templates");
        portal.select("templates", "Blank");
        assertFalse(portal.enabled("templates-export"), "Blank is not exported");
        portal.select("templates", "exp-tpl");
        assertTrue(portal.enabled("templates-export"));
        portal.click("templates-export");
        assertEquals("Export Template", portal.dialogTitle("export-dialog"));
        portal.click("export-dialog-ok");
        portal.awaitClosed("export-dialog");
        assertEquals("Template exp-tpl was exported.", portal.message());
        Api.Reply exported = api.get("/exports/templates");
        assertEquals("exp-tpl", exported.at("/templates/template[@id='" + templateId + "']/name"), exported.toString());
        Api.Reply removed = api.delete("/templates/" + templateId);
        assertEquals(200, removed.status(), removed.toString());
        assertEquals(0, api.get("/templates").count("/templates/template[name='exp-tpl']"));

        portal.tab("exports");
        portal.awaitRow("exports", "template-exp-tpl");
        assertEquals("Template", portal.cellText("exports", "template-exp-tpl", "type"));
        assertEquals(CLUSTER, portal.cellText("exports", "template-exp-tpl", "origin"));
        assertEquals("no", portal.cellText("exports", "template-exp-tpl", "trusted"));
        portal.select("exports", "template-exp-tpl");
        portal.click("exports-import");
        assertEquals("Import Template", portal.dialogTitle("import-dialog"));
        assertFalse(portal.displayed("import-trust-hint"), "nothing to say about trust for a plain cluster's export");
        portal.choose("import-cluster", CLUSTER);
        portal.click("import-dialog-ok");
        portal.awaitClosed("import-dialog");
        assertEquals("Template exp-tpl was imported into cluster " + CLUSTER + ".", portal.message());

        Api.Reply templates = api.get("/templates");
        assertEquals(1, templates.count("/templates/template[name='exp-tpl']"), templates.toString());
        assertEquals("carried over", templates.at("/templates/template[name='exp-tpl']/description"));
        assertEquals(clusterId(CLUSTER), templates.at("/templates/template[name='exp-tpl']/cluster/@id"));
        assertEquals(String.valueOf(288L * 1024 * 1024), templates.at("/templates/template[name='exp-tpl']/memory"));
        portal.tab("templates");
        portal.awaitRow("templates", "exp-tpl");
        assertEquals("288", portal.cellText("templates", "exp-tpl", "memory"));
    }

    @Test
    void exportingAgainNeedsForceOverrideAndRemoveTakesTheExportAway() {
        String vmId = createVm("exp-twice", 256);
        assertEquals(200, api.put("/vms/" + vmId, "<vm><description>as first exported</description></vm>").status());
        login();
        portal.tab("vms");
        portal.awaitCell("vms", "exp-twice", "description", "as first exported", Portal.WAIT);
        portal.select("vms", "exp-twice");
        portal.click("vms-export");
        portal.click("export-dialog-ok");
        portal.awaitClosed("export-dialog");
        assertEquals("as first exported", api.get("/exports/vms").at("/vms/vm[@id='" + vmId + "']/description"));

        assertEquals(200, api.put("/vms/" + vmId, "<vm><description>changed since</description></vm>").status());
        portal.awaitCell("vms", "exp-twice", "description", "changed since", Portal.WAIT);
        portal.select("vms", "exp-twice");
        portal.click("vms-export");
        portal.click("export-dialog-ok");
        String error = portal.text("export-dialog-error");
        // The engine's "already exported" refusal, in its words.
        assertTrue(error.startsWith("Cannot export VM.") && error.contains("exp-twice is already in the export directory")
                && error.contains("Force Override"), error);
        assertFalse(error.contains("ACTION_TYPE") || error.contains("["), "words, not codes: " + error);
        Api.Reply again = api.post("/vms/" + vmId + "/export", "<action/>");
        assertEquals(409, again.status(), again.toString());
        assertTrue(again.at("/fault/detail").contains(error), again + " / " + error);
        assertTrue(portal.displayed("export-dialog"), "the dialog stays open, to choose Force Override");
        assertEquals("as first exported", api.get("/exports/vms").at("/vms/vm[@id='" + vmId + "']/description"),
                "the refused export left the earlier one as it was");

        portal.input("export-force").click();
        portal.click("export-dialog-ok");
        portal.awaitClosed("export-dialog");
        assertEquals("VM exp-twice was exported.", portal.message());
        assertEquals("changed since", api.get("/exports/vms").at("/vms/vm[@id='" + vmId + "']/description"),
                "Force Override replaced the earlier export");

        portal.tab("exports");
        portal.awaitCell("exports", "vm-exp-twice", "description", "changed since", Portal.WAIT);
        portal.select("exports", "vm-exp-twice");
        portal.click("exports-remove");
        assertEquals("Remove VM exp-twice from the export directory?", portal.text("confirm-text"));
        portal.click("confirm-ok");
        portal.awaitNoRow("exports", "vm-exp-twice");
        assertEquals("VM exp-twice was removed from the export directory.", portal.message());
        assertEquals(0, api.get("/exports/vms").count("/vms/vm[@id='" + vmId + "']"));
        assertEquals("down", api.get("/vms/" + vmId).at("/vm/status"), "removing the export leaves the VM alone");
    }

    // ------------------------------------------------------------------ trust (the feature page's test cases)

    @Test
    void newVmWithRunOnTrustedHostKeepsTheFlag() {
        login();
        portal.tab("vms");
        portal.click("vms-new");
        portal.type("vm-name", "vm-trusted");
        portal.choose("vm-cluster", CLUSTER);
        portal.type("vm-memory", "256");
        portal.sideTab("vm", "host");
        portal.input("vm-runon-trusted").click();
        assertTrue(portal.input("vm-runon-trusted").isSelected());
        assertFalse(portal.input("vm-runon-any").isSelected());
        assertTrue(portal.text("vm-migration-hint").contains("migrates only to trusted hosts"), portal.text("vm-migration-hint"));
        portal.click("vm-dialog-ok");
        portal.awaitClosed("vm-dialog");

        portal.awaitCell("vms", "vm-trusted", "runon", "Trusted Host", Portal.WAIT);
        assertEquals("true", api.get("/vms/" + vmId("vm-trusted")).at("/vm/trusted_host_flag"));
        portal.select("vms", "vm-trusted");
        portal.click("vms-edit");
        portal.sideTab("vm", "host");
        assertTrue(portal.input("vm-runon-trusted").isSelected(), "reopened, the dialog shows Run on Trusted Host");
        portal.click("vm-dialog-cancel");
    }

    @Test
    void anyHostVmEditedToRunOnTrustedHostKeepsIt() {
        String vmId = createVm("vm-to-trusted", 256);
        assertEquals("false", api.get("/vms/" + vmId).at("/vm/trusted_host_flag"));
        login();
        portal.tab("vms");
        portal.select("vms", "vm-to-trusted");
        portal.click("vms-edit");
        portal.sideTab("vm", "host");
        assertTrue(portal.input("vm-runon-any").isSelected());
        portal.input("vm-runon-trusted").click();
        portal.click("vm-dialog-ok");
        portal.awaitClosed("vm-dialog");
        portal.awaitCell("vms", "vm-to-trusted", "runon", "Trusted Host", Portal.WAIT);

        portal.select("vms", "vm-to-trusted");
        portal.click("vms-edit");
        portal.sideTab("vm", "host");
        assertTrue(portal.input("vm-runon-trusted").isSelected());
        assertFalse(portal.input("vm-runon-any").isSelected());
        assertFalse(portal.input("vm-runon-specific").isSelected());
        portal.click("vm-dialog-cancel");
        assertEquals("true", api.get("/vms/" + vmId).at("/vm/trusted_host_flag"));
    }

    @Test
    void templateFromPoweredOffTrustedVmIsOfferedAndMakesTrustedVms() {
        Api.Reply source = api.post("/vms", "<vm><name>vm-trusted-src</name><cluster><name>" + CLUSTER + "</name></cluster>"
                + "<template><name>Blank</name></template><memory>" + 320L * 1024 * 1024 + "</memory>"
                + "<trusted_host_flag>true</trusted_host_flag></vm>");
        assertEquals(201, source.status(), source.toString());
        login();
        portal.tab("vms");
        portal.awaitCell("vms", "vm-trusted-src", "status", "Down", Portal.WAIT);
        portal.select("vms", "vm-trusted-src");
        portal.click("vms-maketemplate");
        portal.type("template-name", "tpl-trusted");
        portal.click("template-dialog-ok");
        portal.awaitClosed("template-dialog");
        portal.tab("templates");
        portal.awaitRow("templates", "tpl-trusted");
        assertEquals("true", api.get("/templates").at("/templates/template[name='tpl-trusted']/trusted_host_flag"));

        portal.tab("vms");
        portal.click("vms-new");
        assertTrue(portal.options("vm-template").contains("tpl-trusted"), portal.options("vm-template").toString());
        portal.choose("vm-template", "tpl-trusted");
        portal.type("vm-name", "vm-from-trusted-tpl");
        portal.choose("vm-cluster", CLUSTER);
        portal.sideTab("vm", "host");
        assertTrue(portal.input("vm-runon-trusted").isSelected(), "a VM from a trusted template is trusted");
        portal.click("vm-dialog-ok");
        portal.awaitClosed("vm-dialog");
        portal.awaitCell("vms", "vm-from-trusted-tpl", "runon", "Trusted Host", Portal.WAIT);
        assertEquals("tpl-trusted", portal.cellText("vms", "vm-from-trusted-tpl", "template"));
        assertEquals("true", api.get("/vms/" + vmId("vm-from-trusted-tpl")).at("/vm/trusted_host_flag"));
    }

    @Test
    void trustedVmRunsOnTheTrustedHostNotTheTamperedOne() throws Exception {
        trustedPool();
        login();
        portal.tab("vms");
        portal.click("vms-new");
        portal.type("vm-name", "vm-trusted-run");
        portal.choose("vm-cluster", TRUST_CLUSTER);
        portal.type("vm-memory", "256");
        portal.sideTab("vm", "host");
        portal.input("vm-runon-trusted").click();
        portal.click("vm-dialog-ok");
        portal.awaitClosed("vm-dialog");
        portal.awaitRow("vms", "vm-trusted-run");
        String vmId = vmId("vm-trusted-run");
        // Every start lands on the trusted host, never on the tampered one (both are Up).
        for (int i = 0; i < 3; i++) {
            portal.select("vms", "vm-trusted-run");
            portal.click("vms-run");
            portal.awaitCell("vms", "vm-trusted-run", "status", "Up", UP_TIMEOUT);
            assertEquals(goodAgent.name, portal.cellText("vms", "vm-trusted-run", "host"), "start " + i);
            assertEquals(goodHost, api.get("/vms/" + vmId).at("/vm/host/@id"));
            portal.select("vms", "vm-trusted-run");
            portal.click("vms-stop");
            portal.click("confirm-ok");
            portal.awaitCell("vms", "vm-trusted-run", "status", "Down", UP_TIMEOUT);
        }

        // Placing it had the engine attest the cluster's hosts: the Hosts tab shows both verdicts.
        portal.tab("hosts");
        awaitCellStarting("hosts", goodAgent.name, "trust", "trusted, ");
        awaitCellStarting("hosts", badAgent.name, "trust", "untrusted, ");
        String good = portal.cellText("hosts", goodAgent.name, "trust");
        assertTrue(good.matches("trusted, \\d+ (s|min) ago"), good);
        assertTrue(portal.cellText("hosts", badAgent.name, "trust").contains("PCR 19"), portal.cellText("hosts", badAgent.name, "trust"));
        assertEquals("Up", portal.cellText("hosts", badAgent.name, "status"), "a plain cluster lets an untrusted host in");
        driver.manage().window().setSize(new Dimension(1400, 640)); // just the list, for the README's picture
        Browser.screenshot(driver, "webadmin-hosts");
    }

    @Test
    void trustedClusterFromTheDialogKeepsATamperedHostNonOperationalWithItsReason() throws Exception {
        trustedPool();
        login();
        portal.tab("clusters");
        portal.click("clusters-new");
        portal.type("cluster-name", "portal-trusted");
        portal.sideTab("cluster", "scheduling");
        portal.input("cluster-trusted-service").click();
        portal.click("cluster-dialog-ok");
        portal.awaitClosed("cluster-dialog");
        portal.awaitCell("clusters", "portal-trusted", "trusted", "yes", Portal.WAIT);
        assertEquals("true", api.get("/clusters").at("/clusters/cluster[name='portal-trusted']/trusted_service"));
        portal.select("clusters", "portal-trusted");
        portal.click("clusters-edit");
        portal.sideTab("cluster", "scheduling");
        assertTrue(portal.input("cluster-trusted-service").isSelected(), "reopened, the dialog shows the cluster trusted");
        portal.click("cluster-dialog-cancel");

        AttestedAgent evil = attestedAgent("pt-evil", "--tamper", "pt-evil01");
        portal.tab("hosts");
        portal.click("hosts-new");
        portal.type("host-name", evil.name);
        portal.type("host-address", "127.0.0.1");
        portal.type("host-port", String.valueOf(evil.url.getPort()));
        portal.choose("host-cluster", "portal-trusted");
        portal.click("host-dialog-ok");
        portal.awaitClosed("host-dialog");
        portal.awaitCell("hosts", evil.name, "status", "Non Operational", UP_TIMEOUT);
        Api.Reply host = api.get("/hosts/" + api.get("/hosts").at("/hosts/host[name='" + evil.name + "']/@id"));
        String reason = host.at("/host/trust/reason");
        assertFalse(reason.isEmpty(), host.toString());
        assertEquals("untrusted", host.at("/host/trust/level"));
        awaitCellStarting("hosts", evil.name, "trust", "untrusted, ");
        String cell = portal.cellText("hosts", evil.name, "trust");
        assertTrue(cell.endsWith(": " + shortened(reason)), cell + " / " + reason);
        assertTrue(cell.length() < reason.length(), "the digests are shortened in the list: " + cell);
        assertEquals(reason, driver.findElement(Portal.cell("hosts", evil.name, "trust")).getAttribute("title"));
        assertTrue(portal.cellText("hosts", evil.name, "detail").contains("untrusted"), portal.cellText("hosts", evil.name, "detail"));
    }

    private void awaitCellStarting(String list, String name, String column, String prefix) {
        portal.await(list + " row " + name + " column " + column + " to start with '" + prefix + "'", UP_TIMEOUT,
                d -> d.findElement(Portal.cell(list, name, column)).getText().startsWith(prefix));
    }

    private AttestationAdmin attestation;

    /** Once: the good PCRs whitelisted, and a plain cluster with a trusted and a tampered attested host, both Up. */
    private void trustedPool() throws Exception {
        if (goodHost != null) {
            return;
        }
        attestation = new AttestationAdmin(system);
        attestation.whitelistGoodMeasurements(AGENT_JAR);
        assertEquals(200, api.put("/options/AttestationReattestPeriodSeconds", "<option><value>2</value></option>").status());
        assertEquals(200, api.put("/options/AttestationTrustValiditySeconds", "<option><value>10</value></option>").status());
        Api.Reply cluster = api.post("/clusters", clusterXml(TRUST_CLUSTER));
        assertEquals(201, cluster.status(), cluster.toString());
        goodAgent = attestedAgent("pt-good");
        badAgent = attestedAgent("pt-bad", "--tamper", "pt-bad01");
        goodHost = addHost(goodAgent.name, goodAgent.url.getPort(), TRUST_CLUSTER);
        badHost = addHost(badAgent.name, badAgent.url.getPort(), TRUST_CLUSTER);
        SystemUnderTest.await("trusted host up", UP_TIMEOUT, () -> hostStatus(goodHost), "up"::equals);
        SystemUnderTest.await("tampered host up (plain cluster)", UP_TIMEOUT, () -> hostStatus(badHost), "up"::equals);
    }

    private AttestedAgent attestedAgent(String prefix, String... extra) throws Exception {
        AttestedAgent agent = attestation.startRegistered(AGENT_JAR, prefix, UP_TIMEOUT, extra);
        attested.add(agent);
        return agent;
    }

    // ------------------------------------------------------------------ everyday portal behaviour and host details (issue 17)

    @Test
    void reloadKeepsTheSessionTheTabAndTheSelectionAndBackReturnsToThem() {
        String vmId = createVm("vm-reload", 256);
        login();
        portal.tab("vms");
        portal.select("vms", "vm-reload");
        portal.await("the URL to name the tab and the VM", d -> d.getCurrentUrl().endsWith("#vms/" + vmId));

        driver.navigate().refresh();
        portal.await("the VMs tab again, without logging in", ExpectedConditions.visibilityOfElementLocated(By.id("vms-table")));
        assertFalse(portal.onLoginScreen(), "the session survived the reload");
        assertEquals("Logged in as admin@internal", portal.text("header-user"));
        portal.await("the VM selected again", d -> d.findElement(Portal.row("vms", "vm-reload")).getAttribute("class").contains("selected"));
        assertTrue(driver.findElement(By.id("tab-vms")).getAttribute("class").contains("selected"));

        // Back and Forward move between places.
        portal.tab("hosts");
        portal.await("the URL of the Hosts tab", d -> d.getCurrentUrl().endsWith("#hosts"));
        driver.navigate().back();
        portal.await("the VMs tab after Back", ExpectedConditions.visibilityOfElementLocated(By.id("vms-table")));
        assertTrue(driver.getCurrentUrl().endsWith("#vms/" + vmId), driver.getCurrentUrl());

        // The tab keeps a token, never the password; Logout ends the session, and a reload then asks to log in.
        String storage = (String) ((JavascriptExecutor) driver).executeScript("return JSON.stringify(window.sessionStorage);");
        assertFalse(storage.contains(system.adminPassword()), "the password is not in the tab's storage");
        assertTrue(storage.contains("token"), storage.length() + " characters of storage, no token");
        portal.logout();
        assertEquals("{}", ((JavascriptExecutor) driver).executeScript("return JSON.stringify(window.sessionStorage);"));
        driver.navigate().refresh();
        portal.await("the login screen after logout and reload", ExpectedConditions.visibilityOfElementLocated(By.id("login-password")));
        assertTrue(portal.onLoginScreen());
    }

    @Test
    void thePasswordIsInNoRequestUrlAndTheApiIsCalledWithATokenOnly() throws Exception {
        login();
        portal.tab("vms");
        portal.tab("hosts");
        driver.navigate().refresh(); // the resumed session too
        portal.await("the main view after the reload", ExpectedConditions.visibilityOfElementLocated(By.id("hosts-table")));
        String refreshed = portal.text("refresh-status");
        portal.await("a refresh of the lists", d -> !refreshed.equals(d.findElement(By.id("refresh-status")).getText()));

        String password = system.adminPassword();
        List<String> urls = new ArrayList<>();
        java.util.Set<String> apiRequestIds = new java.util.HashSet<>();
        java.util.Set<String> bearerRequestIds = new java.util.HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
            JsonNode message = json.readTree(entry.getMessage()).path("message");
            String method = message.path("method").asText();
            JsonNode params = message.path("params");
            // Headers come with the request, and (those the network stack adds or sees) in its ExtraInfo event.
            JsonNode headers = "Network.requestWillBeSent".equals(method) ? params.path("request").path("headers")
                    : "Network.requestWillBeSentExtraInfo".equals(method) ? params.path("headers") : null;
            if (headers == null) {
                continue;
            }
            java.util.Iterator<java.util.Map.Entry<String, JsonNode>> fields = headers.fields();
            while (fields.hasNext()) {
                java.util.Map.Entry<String, JsonNode> header = fields.next();
                if (header.getKey().equalsIgnoreCase("authorization")) {
                    assertFalse(header.getValue().asText().startsWith("Basic"), "HTTP Basic (the password) was sent");
                    if (header.getValue().asText().startsWith("Bearer ")) {
                        bearerRequestIds.add(params.path("requestId").asText());
                    }
                }
            }
            if (!"Network.requestWillBeSent".equals(method)) {
                continue;
            }
            JsonNode request = params.path("request");
            String url = request.path("url").asText();
            urls.add(url);
            assertFalse(url.contains(password), "the password in a request URL: " + url);
            assertFalse(url.contains(URLEncoder.encode(password, StandardCharsets.UTF_8)), "the password in a request URL: " + url);
            assertFalse(url.matches("^[a-z]+://[^/]*@.*"), "credentials in a request URL: " + url);
            if (url.contains("/ovirt-engine/api")) {
                apiRequestIds.add(params.path("requestId").asText());
            }
            if (url.contains("/sso/oauth/token")) {
                assertEquals("POST", request.path("method").asText(), "the password goes in a POST body");
            }
        }
        int apiRequests = apiRequestIds.size();
        apiRequestIds.removeAll(bearerRequestIds);
        assertTrue(urls.stream().anyMatch(u -> u.endsWith("/ovirt-engine/sso/oauth/token")), "the login asked for a token: " + urls);
        assertTrue(apiRequests > 5, "the performance log saw the API requests: " + urls);
        assertEquals(java.util.Set.of(), apiRequestIds, "API requests without the token");
    }

    @Test
    void searchFiltersAListThroughTheApiAndHeadersSortIt() {
        login();
        portal.tab("hosts");
        portal.awaitRow("hosts", agentA.name);
        portal.awaitRow("hosts", agentB.name);
        portal.type("hosts-search", "name=" + agentA.name);
        portal.click("hosts-search-go");
        portal.awaitNoRow("hosts", agentB.name);
        portal.awaitRow("hosts", agentA.name);
        // A bare word is a part of a name.
        portal.type("hosts-search", agentB.name.substring(3));
        portal.click("hosts-search-go");
        portal.awaitNoRow("hosts", agentA.name);
        portal.awaitRow("hosts", agentB.name);
        // A search the engine cannot read is shown in its words.
        portal.type("hosts-search", "colour=blue");
        portal.click("hosts-search-go");
        assertTrue(portal.await("the search's error", d -> {
            String t = d.findElement(By.id("hosts-search-error")).getText();
            return t.isEmpty() ? null : t;
        }).contains("Cannot search by 'colour'"));
        portal.click("hosts-search-clear");
        portal.awaitRow("hosts", agentA.name);
        portal.awaitRow("hosts", agentB.name);

        // Sorting: a click on a header sorts by it, a second click the other way round.
        portal.clickCss("#hosts-table tr.header td[data-col='name']");
        List<String> ascending = rowNames("hosts");
        List<String> expected = new ArrayList<>(ascending);
        expected.sort(String.CASE_INSENSITIVE_ORDER);
        assertEquals(expected, ascending);
        assertTrue(ascending.size() >= 2, ascending.toString());
        portal.clickCss("#hosts-table tr.header td[data-col='name']");
        List<String> descending = new ArrayList<>(expected);
        java.util.Collections.reverse(descending);
        portal.await("the rows in descending order", d -> descending.equals(rowNames("hosts")));
        // The order stays through the next refresh.
        String refreshed = portal.text("refresh-status");
        portal.await("the next refresh", d -> !refreshed.equals(d.findElement(By.id("refresh-status")).getText()));
        assertEquals(descending, rowNames("hosts"));
    }

    @Test
    void escClosesADialogStopAsksFirstAndActionsFollowTheVmsState() {
        createVm("vm-states", 256);
        login();
        portal.tab("clusters");
        portal.click("clusters-new");
        portal.type("cluster-name", "esc-never-made");
        driver.findElement(By.id("cluster-name")).sendKeys(Keys.ESCAPE);
        portal.awaitClosed("cluster-dialog");
        assertFalse(api.get("/clusters").body().contains("esc-never-made"), "Esc is Cancel: nothing was sent");

        portal.tab("vms");
        portal.select("vms", "vm-states");
        assertTrue(portal.enabled("vms-run") && portal.enabled("vms-runonce") && portal.enabled("vms-remove"));
        assertFalse(portal.enabled("vms-stop"), "a VM that is down is not stopped");
        assertFalse(portal.enabled("vms-migrate"));
        portal.click("vms-run");
        portal.awaitCell("vms", "vm-states", "status", "Up", UP_TIMEOUT);
        portal.select("vms", "vm-states");
        portal.await("Run, Run Once and Remove off for a running VM; Stop and Migrate on", d -> !portal.enabled("vms-run")
                && !portal.enabled("vms-runonce") && !portal.enabled("vms-remove") && portal.enabled("vms-stop") && portal.enabled("vms-migrate"));

        portal.click("vms-stop");
        assertEquals("Stop Virtual Machine(s)", portal.dialogTitle("confirm"));
        assertTrue(portal.text("confirm-text").startsWith("Stop VM vm-states?"), portal.text("confirm-text"));
        new Actions(driver).sendKeys(Keys.ESCAPE).perform();
        portal.awaitClosed("confirm");
        assertEquals("up", api.get("/vms/" + vmId("vm-states")).at("/vm/status"), "closing the question stops nothing");
        portal.click("vms-stop");
        portal.click("confirm-ok");
        portal.awaitCell("vms", "vm-states", "status", "Down", UP_TIMEOUT);
    }

    @Test
    void hostDetailsShowTheTrustPanelAndReattestNowRefreshesTheVerdict() throws Exception {
        trustedPool(); // the good measurements whitelisted
        String cluster = "portal-reattest";
        assertEquals(201, api.post("/clusters", trustedClusterXml(cluster)).status());
        AttestedAgent good = attestedAgent("pr-good");
        AttestedAgent bad = attestedAgent("pr-bad", "--tamper", "pr-bad01");
        String goodId = addHost(good.name, good.url.getPort(), cluster);
        String badId = addHost(bad.name, bad.url.getPort(), cluster);
        SystemUnderTest.await("trusted host up", UP_TIMEOUT, () -> hostStatus(goodId), "up"::equals);
        SystemUnderTest.await("tampered host out", UP_TIMEOUT, () -> hostStatus(badId), "non_operational"::equals);
        // During this test the monitor re-attests once a minute: a new verification time is Re-attest now's doing.
        assertEquals(200, api.put("/options/AttestationTrustValiditySeconds", "<option><value>120</value></option>").status());
        assertEquals(200, api.put("/options/AttestationReattestPeriodSeconds", "<option><value>60</value></option>").status());
        try {
            login();
            portal.tab("hosts");
            portal.type("hosts-search", "name=pr-*");
            portal.click("hosts-search-go");
            portal.awaitCell("hosts", good.name, "status", "Up", UP_TIMEOUT);
            portal.awaitCell("hosts", bad.name, "status", "Non Operational", UP_TIMEOUT);
            driver.manage().window().setSize(new Dimension(1400, 520));
            saveForReadme("webadmin-hosts-list");
            driver.manage().window().setSize(new Dimension(1400, 1000));

            portal.select("hosts", good.name);
            assertEquals("Host " + good.name, portal.text("host-details-title"));
            assertEquals(cluster, portal.text("host-general-cluster"));
            // One engine node watches every host; the portal names it as the API does.
            String watcher = api.get("/hosts/" + goodId).at("/host/monitored_by");
            assertFalse(watcher.isEmpty(), "the API names the engine node monitoring the host");
            assertEquals(watcher, portal.text("host-general-monitored-by"));
            portal.click("host-details-tab-trust");
            portal.await("the URL to name the host and its Trust sub-tab", d -> d.getCurrentUrl().endsWith("#hosts/" + goodId + "/trust"));
            assertEquals("Trusted", portal.text("host-trust-level"));
            String verified = portal.text("host-trust-verified");
            assertTrue(verified.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC \\(\\d+ (s|min) ago\\)"), verified);
            assertTrue(portal.text("host-trust-checked").endsWith(" ago)"), portal.text("host-trust-checked"));
            String ek = api.get("/hosts/" + goodId).at("/host/trust/ek_fingerprint");
            assertEquals(64, ek.length(), "the API names the TPM that enrolled");
            assertEquals(ek, portal.attribute("host-trust-ek", "title"));
            assertTrue(portal.text("host-trust-ek").length() < ek.length(), "shortened: " + portal.text("host-trust-ek"));
            assertTrue(portal.displayed("host-trust-ek-copy"));

            sleep(1500); // the service dates verdicts to the second
            String verifiedBefore = api.get("/hosts/" + goodId).at("/host/trust/verified_at");
            portal.click("host-reattest");
            assertEquals("Host " + good.name + " was re-attested: Trusted.", portal.message());
            portal.await("a new verification time on the panel", d -> !verified.substring(0, 19)
                    .equals(d.findElement(By.id("host-trust-verified")).getText().substring(0, 19)));
            assertFalse(verifiedBefore.equals(api.get("/hosts/" + goodId).at("/host/trust/verified_at")), "the engine asked the service anew");
            assertTrue(api.get("/events?max=50").body().contains("Host " + good.name + " was re-attested at the request of"));

            // A reload comes back to the host's Trust sub-tab.
            driver.navigate().refresh();
            portal.await("the Trust panel after the reload", ExpectedConditions.visibilityOfElementLocated(By.id("host-trust-level")));
            assertEquals("Trusted", portal.text("host-trust-level"));

            // The tampered host: which PCR, what was expected and what was seen, shortened, each with a copy control.
            portal.select("hosts", bad.name);
            portal.await("the tampered host's verdict", d -> "Untrusted".equals(d.findElement(By.id("host-trust-level")).getText()));
            assertEquals("19", portal.text("host-trust-pcr"));
            String reason = api.get("/hosts/" + badId).at("/host/trust/reason");
            String expected = portal.attribute("host-trust-expected", "title");
            String seen = portal.attribute("host-trust-seen", "title");
            assertTrue(reason.contains("expected " + expected + ", seen " + seen), reason + " / " + expected + " / " + seen);
            assertEquals(64, expected.length(), expected);
            assertEquals(shortened(expected), portal.text("host-trust-expected"));
            assertTrue(portal.displayed("host-trust-expected-copy") && portal.displayed("host-trust-seen-copy"));
            assertEquals(reason, portal.attribute("host-trust-reason", "title"));
            // Re-attest now is offered for it (it waits for exactly this), not for a plain cluster's host.
            assertTrue(portal.enabled("host-reattest"));
            saveForReadme("webadmin-host-details");
            portal.click("hosts-search-clear");
            portal.select("hosts", agentA.name);
            assertFalse(portal.enabled("host-reattest"), "a plain cluster's host is not attested on request");
        } finally {
            assertEquals(200, api.put("/options/AttestationReattestPeriodSeconds", "<option><value>2</value></option>").status());
            assertEquals(200, api.put("/options/AttestationTrustValiditySeconds", "<option><value>10</value></option>").status());
        }
    }

    @Test
    void templatesHaveEditATrustedColumnAndNewVmFromTheTemplate() {
        String plainVm = createVm("vm-tpl-edit-src", 256);
        Api.Reply plain = api.post("/templates", "<template><name>tpl-edit</name><vm id=\"" + plainVm + "\"/></template>");
        assertEquals(201, plain.status(), plain.toString());
        Api.Reply trustedVm = api.post("/vms", "<vm><name>vm-tpl-trusted-src</name><cluster><name>" + CLUSTER + "</name></cluster>"
                + "<template><name>Blank</name></template><memory>268435456</memory><trusted_host_flag>true</trusted_host_flag></vm>");
        assertEquals(201, trustedVm.status(), trustedVm.toString());
        assertEquals(201, api.post("/templates", "<template><name>tpl-edit-trusted</name><vm id=\"" + trustedVm.at("/vm/@id")
                + "\"/></template>").status());
        login();
        portal.tab("templates");
        portal.awaitCell("templates", "tpl-edit", "trusted", "no", Portal.WAIT);
        portal.awaitCell("templates", "tpl-edit-trusted", "trusted", "yes", Portal.WAIT);
        portal.select("templates", "Blank");
        assertFalse(portal.enabled("templates-edit"), "Blank is not edited");
        assertFalse(portal.enabled("templates-remove"), "nor removed");

        portal.select("templates", "tpl-edit");
        portal.click("templates-edit");
        assertEquals("tpl-edit", portal.value("template-edit-name"));
        assertEquals(CLUSTER, portal.text("template-edit-cluster"));
        portal.type("template-edit-description", "edited in the portal");
        portal.type("template-edit-memory", "384");
        portal.click("template-edit-dialog-ok");
        portal.awaitClosed("template-edit-dialog");
        portal.awaitCell("templates", "tpl-edit", "memory", "384", Portal.WAIT);
        Api.Reply edited = api.get("/templates/" + plain.at("/template/@id"));
        assertEquals("edited in the portal", edited.at("/template/description"));
        assertEquals(String.valueOf(384L * 1024 * 1024), edited.at("/template/memory"));

        // New VM starts from the selected template, in its cluster, with its hardware.
        portal.select("templates", "tpl-edit");
        portal.click("templates-newvm");
        assertEquals("tpl-edit", portal.chosen("vm-template"));
        assertEquals(CLUSTER, portal.chosen("vm-cluster"));
        assertEquals("384", portal.value("vm-memory"));
        portal.type("vm-name", "vm-from-tpl-edit");
        portal.click("vm-dialog-ok");
        portal.awaitClosed("vm-dialog");
        SystemUnderTest.await("the VM made from the template", Portal.WAIT, () -> vmId("vm-from-tpl-edit"), id -> !id.isEmpty());
        assertEquals(plain.at("/template/@id"), api.get("/vms/" + vmId("vm-from-tpl-edit")).at("/vm/template/@id"));

        // Over the API: a template's cluster and trust are not edited, and Blank is not edited at all.
        Api.Reply moved = api.put("/templates/" + plain.at("/template/@id"), "<template><cluster><name>Default</name></cluster></template>");
        assertEquals(400, moved.status(), moved.toString());
        Api.Reply untrust = api.put("/templates/" + api.get("/templates").at("/templates/template[name='tpl-edit-trusted']/@id"),
                "<template><trusted_host_flag>false</trusted_host_flag></template>");
        assertEquals(400, untrust.status(), untrust.toString());
        Api.Reply blank = api.put("/templates/" + TemplatesTabIds.BLANK, "<template><description>x</description></template>");
        assertEquals(409, blank.status(), blank.toString());
        assertTrue(blank.at("/fault/detail").contains("Blank"), blank.toString());
    }

    /** Ids every setup has. */
    private static final class TemplatesTabIds {
        static final String BLANK = "00000000-0000-0000-0000-000000000000";
    }

    /** The names of a list's rows, top to bottom. */
    private List<String> rowNames(String list) {
        // the portal redraws its lists every few seconds: rows read while a redraw replaces them are read again
        for (int attempt = 1; ; attempt++) {
            try {
                List<String> names = new ArrayList<>();
                for (org.openqa.selenium.WebElement row : driver.findElements(By.cssSelector("#" + list + "-table tr.row"))) {
                    names.add(row.getAttribute("id").substring((list + "-row-").length()));
                }
                return names;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** A screenshot for the README (docs/screenshots), besides target/screenshots. */
    private void saveForReadme(String name) throws java.io.IOException {
        Path png = Browser.screenshot(driver, name);
        Path docs = Path.of(System.getProperty("webadmin.it.docs", "../../docs/screenshots"));
        if (java.nio.file.Files.isDirectory(docs.getParent())) {
            java.nio.file.Files.createDirectories(docs);
            java.nio.file.Files.copy(png, docs.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    // ------------------------------------------------------------------ trust told the same way everywhere (issue 17)

    @Test
    void runRefusedForWantOfATrustedHostNamesTrustFirst() throws Exception {
        trustedPool();
        Api.Reply created = api.post("/vms", "<vm><name>vm-no-trusted</name><cluster><name>" + TRUST_CLUSTER + "</name></cluster>"
                + "<template><name>Blank</name></template><memory>" + 256L * 1024 * 1024 + "</memory>"
                + "<trusted_host_flag>true</trusted_host_flag></vm>");
        assertEquals(201, created.status(), created.toString());
        String vmId = created.at("/vm/@id");
        // the only trusted host goes into maintenance: what is left is the tampered one
        assertEquals(200, api.post("/hosts/" + goodHost + "/deactivate", "<action/>").status());
        try {
            SystemUnderTest.await("trusted host in maintenance", UP_TIMEOUT, () -> hostStatus(goodHost), "maintenance"::equals);
            login();
            portal.tab("vms");
            portal.awaitRow("vms", "vm-no-trusted");
            portal.select("vms", "vm-no-trusted");
            portal.click("vms-run");
            String message = portal.message();
            assertTrue(portal.messageStyle().contains("error"), portal.messageStyle());
            String lead = "Cannot run VM. No trusted host is available in cluster " + TRUST_CLUSTER + ": host " + badAgent.name + " is untrusted (PCR 19";
            assertTrue(message.startsWith(lead), message);
            assertTrue(message.contains("; host " + goodAgent.name + " is in Maintenance, not Up"), message);
            // the reason is readable: digests cut to their ends, never a row of 64 hex characters
            assertFalse(java.util.regex.Pattern.compile("[0-9a-fA-F]{17,}").matcher(message).find(), message);
            assertTrue(message.contains("…"), message);
            // the API says the same words, and the host's own record keeps the whole reason
            Api.Reply refused = api.post("/vms/" + vmId + "/start", "<action/>");
            assertEquals(409, refused.status(), refused.toString());
            assertTrue(refused.at("/fault/detail").startsWith("[" + lead), refused.toString());
            assertTrue(java.util.regex.Pattern.compile("[0-9a-f]{64}").matcher(api.get("/hosts/" + badHost).at("/host/trust/reason")).find(),
                    "the full verdict stays in <trust>");
            assertEquals("down", api.get("/vms/" + vmId).at("/vm/status"));
        } finally {
            api.post("/hosts/" + goodHost + "/activate", "<action/>");
            SystemUnderTest.await("trusted host up again", UP_TIMEOUT, () -> hostStatus(goodHost), "up"::equals);
            api.delete("/vms/" + vmId);
        }
    }

    @Test
    void editVmIntoAnUntrustedClusterAsksFirstAndAuditsAWarning() {
        String secure = "portal-move-trusted";
        Api.Reply cluster = api.post("/clusters", trustedClusterXml(secure));
        assertEquals(201, cluster.status(), cluster.toString());
        Api.Reply created = api.post("/vms", "<vm><name>vm-moving</name><cluster><name>" + secure + "</name></cluster>"
                + "<template><name>Blank</name></template><memory>" + 256L * 1024 * 1024 + "</memory></vm>");
        assertEquals(201, created.status(), created.toString());
        String vmId = created.at("/vm/@id");
        login();
        portal.tab("vms");
        portal.awaitRow("vms", "vm-moving");
        portal.select("vms", "vm-moving");
        portal.click("vms-edit");
        portal.choose("vm-cluster", CLUSTER);
        // "Run on Trusted Host" says what it would mean in the cluster chosen
        portal.sideTab("vm", "host");
        assertTrue(portal.text("vm-trusted-hint").startsWith("Cluster " + CLUSTER + " is not trusted: with this, this VM alone starts"),
                portal.text("vm-trusted-hint"));
        portal.click("vm-dialog-ok");

        // a question in the engine's words, not an error; Cancel moves nothing
        String question = portal.text("vm-confirm-text");
        assertEquals("Cannot update VM. VM vm-moving is in trusted cluster " + secure + ", and cluster " + CLUSTER + " is not trusted:"
                + " there it would run on any host of that cluster, attested or not. Choose a trusted cluster, or confirm (force=true)"
                + " to update it anyway.", question);
        assertFalse(portal.displayed("vm-dialog-error"), "the refusal is a question, not an error");
        assertEquals("Move Anyway", driver.findElement(By.id("vm-confirm-ok")).getText());
        portal.click("vm-confirm-cancel");
        portal.awaitClosed("vm-confirm");
        assertEquals(clusterId(secure), api.get("/vms/" + vmId).at("/vm/cluster/@id"), "Cancel moves nothing");
        assertEquals(0, api.get("/events?max=100").count("/events/event[contains(description, 'vm-moving') and severity='error']"),
                "asking is no error");

        assertTrue(portal.displayed("vm-dialog"));
        portal.click("vm-dialog-ok");
        assertEquals(question, portal.text("vm-confirm-text"));
        portal.click("vm-confirm-ok");
        portal.awaitClosed("vm-confirm");
        portal.awaitClosed("vm-dialog");
        portal.awaitCell("vms", "vm-moving", "cluster", CLUSTER, Portal.WAIT);
        assertEquals(clusterId(CLUSTER), api.get("/vms/" + vmId).at("/vm/cluster/@id"));
        Api.Reply events = api.get("/events?max=100");
        String moved = "/events/event[code='10001' and contains(description, 'vm-moving')]";
        assertEquals(1, events.count(moved), events.toString());
        assertEquals("warning", events.at(moved + "/severity"));
        assertTrue(events.at(moved + "/description").startsWith("VM vm-moving was moved from trusted cluster " + secure + " to cluster "
                + CLUSTER + ", which is not trusted; " + system.adminUser() + " confirmed it"), events.at(moved + "/description"));
        portal.tab("events");
        portal.await("the warning in the Events tab", d -> d.findElements(By.cssSelector("#events-table tr.row")).stream()
                .anyMatch(row -> row.getText().contains("VM vm-moving was moved from trusted cluster") && row.getText().contains("warning")));
    }

    @Test
    void newVmFromATrustedClustersTemplateInAPlainClusterAsksCreateAnyway() {
        String secure = "portal-tpl-trusted";
        assertEquals(201, api.post("/clusters", trustedClusterXml(secure)).status());
        Api.Reply source = api.post("/vms", "<vm><name>vm-secure-tpl-src</name><cluster><name>" + secure + "</name></cluster>"
                + "<template><name>Blank</name></template><memory>" + 256L * 1024 * 1024 + "</memory></vm>");
        assertEquals(201, source.status(), source.toString());
        assertEquals(201, api.post("/templates", "<template><name>tpl-of-secure-cluster</name><vm id=\"" + source.at("/vm/@id") + "\"/></template>").status());
        login();
        portal.tab("vms");
        portal.click("vms-new");
        portal.type("vm-name", "vm-from-secure-tpl");
        portal.choose("vm-cluster", CLUSTER);
        portal.choose("vm-template", "tpl-of-secure-cluster");
        portal.type("vm-memory", "256");
        portal.click("vm-dialog-ok");
        String question = portal.text("vm-confirm-text");
        assertTrue(question.startsWith("Cannot add VM. VM vm-from-secure-tpl would be made from template tpl-of-secure-cluster of trusted cluster "
                + secure + ", and cluster " + CLUSTER + " is not trusted:"), question);
        assertEquals("Create Anyway", driver.findElement(By.id("vm-confirm-ok")).getText());
        assertEquals(0, api.get("/vms").count("/vms/vm[name='vm-from-secure-tpl']"), "nothing made before the answer");
        portal.click("vm-confirm-ok");
        portal.awaitClosed("vm-confirm");
        portal.awaitClosed("vm-dialog");
        portal.awaitRow("vms", "vm-from-secure-tpl");
        Api.Reply events = api.get("/events?max=100");
        String made = "/events/event[code='10005' and contains(description, 'vm-from-secure-tpl')]";
        assertEquals("warning", events.at(made + "/severity"), events.toString());
    }

    // ------------------------------------------------------------------ helpers

    /** A cluster with Trusted Service on (the launcher configures the attestation server it needs). */
    private static String trustedClusterXml(String name) {
        return clusterXml(name).replace("<version>", "<trusted_service>true</trusted_service><version>");
    }

    private String clusterId(String name) {
        return api.get("/clusters").at("/clusters/cluster[name='" + name + "']/@id");
    }

    private static String clusterXml(String name) {
        return "<cluster><name>" + name + "</name><data_center><name>Default</name></data_center>"
                + "<cpu><type>Intel SandyBridge Family</type></cpu><version><major>4</major><minor>7</minor></version></cluster>";
    }

    private String addHost(AgentProcess agent, String cluster) {
        return addHost(agent.name, agent.port(), cluster);
    }

    private String addHost(String name, int port, String cluster) {
        Api.Reply host = api.post("/hosts", "<host><name>" + name + "</name><address>127.0.0.1</address><port>"
                + port + "</port><cluster><name>" + cluster + "</name></cluster></host>");
        assertEquals(201, host.status(), host.toString());
        return host.at("/host/@id");
    }

    private String hostStatus(String id) {
        return api.get("/hosts/" + id).at("/host/status");
    }

    private String createVm(String name, int memoryMb) {
        Api.Reply vm = api.post("/vms", "<vm><name>" + name + "</name><cluster><name>" + CLUSTER + "</name></cluster>"
                + "<template><name>Blank</name></template><memory>" + memoryMb * 1024L * 1024L + "</memory></vm>");
        assertEquals(201, vm.status(), vm.toString());
        return vm.at("/vm/@id");
    }

    private String vmId(String name) {
        return api.get("/vms").at("/vms/vm[name='" + name + "']/@id");
    }

    /** The page's own clock (performance.now()), which the browser's resource timing uses too. */
    private double pageClock() {
        return ((Number) ((JavascriptExecutor) driver).executeScript("return performance.now();")).doubleValue();
    }

    /** How many requests the page sent to the API since the given page time. */
    private long apiRequestsStartedAfter(double pageTime) {
        Object n = ((JavascriptExecutor) driver).executeScript("return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.indexOf('/ovirt-engine/api') >= 0 && e.startTime > arguments[0]).length;", pageTime);
        return ((Number) n).longValue();
    }

    /** What the portal shows of a reason: hex runs of 20 or more cut to their first 8 and last 4 characters. */
    private static String shortened(String reason) {
        return reason.replaceAll("([0-9a-fA-F]{8})[0-9a-fA-F]{8,}([0-9a-fA-F]{4})", "$1\u2026$2");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
