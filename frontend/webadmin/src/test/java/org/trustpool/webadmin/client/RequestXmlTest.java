package org.trustpool.webadmin.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestXmlTest {
    private static RequestXml.VmSpec vm(RequestXml.RunOn runOn) {
        RequestXml.VmSpec v = new RequestXml.VmSpec();
        v.name = "web1";
        v.description = "front & back";
        v.clusterId = "c1";
        v.templateId = "t1";
        v.memoryMb = 512;
        v.cpus = 2;
        v.runOn = runOn;
        v.hostId = "h1";
        return v;
    }

    @Test
    void specificHostIsPinnedToThatHost() {
        String xml = RequestXml.vm(vm(RequestXml.RunOn.SPECIFIC_HOST), false);
        assertTrue(xml.contains("<placement_policy><affinity>pinned</affinity><hosts><host id=\"h1\"/></hosts></placement_policy>"), xml);
    }

    @Test
    void anyHostSendsTheMigrationChoiceAndUnpins() {
        RequestXml.VmSpec v = vm(RequestXml.RunOn.ANY_HOST);
        v.affinity = "migratable";
        String xml = RequestXml.vm(v, false);
        assertTrue(xml.contains("<placement_policy><affinity>migratable</affinity><hosts/></placement_policy>"), xml);
        assertTrue(xml.contains("<memory>536870912</memory>"), xml);
        assertTrue(xml.contains("<sockets>2</sockets>"), xml);
        assertTrue(xml.contains("<template id=\"t1\"/>"), xml);
        assertTrue(xml.contains("<description>front &amp; back</description>"), xml);
    }

    @Test
    void trustedHostFlagIsSentOnlyWhenItsSwitchIsOn() {
        assertFalse(RequestXml.vm(vm(RequestXml.RunOn.TRUSTED_HOST), false).contains("trusted_host_flag"));
        assertTrue(RequestXml.vm(vm(RequestXml.RunOn.TRUSTED_HOST), true).contains("<trusted_host_flag>true</trusted_host_flag>"));
        assertTrue(RequestXml.vm(vm(RequestXml.RunOn.ANY_HOST), true).contains("<trusted_host_flag>false</trusted_host_flag>"));
    }

    @Test
    void clusterCarriesTrustedServiceOnlyWhenItsSwitchIsOn() {
        RequestXml.ClusterSpec c = new RequestXml.ClusterSpec();
        c.name = "prod";
        c.description = "";
        c.dataCenterId = "dc1";
        c.cpuType = "Intel SandyBridge Family";
        c.version = "4.7";
        c.trustedService = true;
        assertEquals("<cluster><name>prod</name><description></description><cpu><type>Intel SandyBridge Family</type></cpu>"
                + "<data_center id=\"dc1\"/><version><major>4</major><minor>7</minor></version></cluster>", RequestXml.cluster(c, false));
        assertTrue(RequestXml.cluster(c, true).contains("<data_center id=\"dc1\"/><trusted_service>true</trusted_service><version>"));
    }

    @Test
    void actionsNameTheChosenHostOrNone() {
        assertEquals("<action/>", RequestXml.action(null));
        assertEquals("<action><host id=\"h2\"/></action>", RequestXml.action("h2"));
        assertEquals("<template><name>tpl</name><description>d</description><vm id=\"v1\"/></template>",
                RequestXml.template("tpl", "d", "v1"));
    }

    @Test
    void templateEditSendsNameDescriptionMemoryAndCpusOnly() {
        assertEquals("<template><name>t&amp;1</name><description>d</description><memory>536870912</memory>"
                + "<cpu><topology><cores>1</cores><sockets>2</sockets><threads>1</threads></topology></cpu></template>",
                RequestXml.templateEdit("t&1", "d", 512, 2));
    }

    @Test
    void exportSendsExclusiveOnlyWithForceOverride() {
        assertEquals("<action/>", RequestXml.export(false));
        assertEquals("<action><exclusive>true</exclusive></action>", RequestXml.export(true));
    }

    @Test
    void importNamesTheClusterAndForcesOnlyWhenConfirmed() {
        assertEquals("<action><cluster id=\"c1\"/></action>", RequestXml.importInto("c1", false));
        assertEquals("<action><cluster id=\"c1\"/><force>true</force></action>", RequestXml.importInto("c1", true));
    }

    @Test
    void theTrustControlsAreSwitchedOnNowThatTheirBackendHasLanded() {
        assertTrue(Features.TRUSTED_SERVICE, "issue 4: the engine keeps trusted_service");
        assertTrue(Features.TRUSTED_HOST, "issue 5: the engine keeps trusted_host_flag");
    }
}
