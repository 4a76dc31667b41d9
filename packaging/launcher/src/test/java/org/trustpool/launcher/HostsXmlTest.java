package org.trustpool.launcher;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostsXmlTest {

    @Test
    void hostsWithTheirOwnNameAndStatus() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <hosts>
                  <host href="/ovirt-engine/api/hosts/a1" id="a1">
                    <cluster href="/ovirt-engine/api/clusters/c1" id="c1"><name>Default</name></cluster>
                    <name>host-01</name>
                    <address>127.0.0.1</address>
                    <status>up</status>
                  </host>
                  <host href="/ovirt-engine/api/hosts/a2" id="a2">
                    <name>host-02</name>
                    <status>installing</status>
                  </host>
                </hosts>""";
        assertEquals(List.of(new HostsXml.Host("a1", "host-01", "up", "127.0.0.1", null),
                        new HostsXml.Host("a2", "host-02", "installing", null, null)),
                HostsXml.parseHosts(xml));
    }

    @Test
    void noHosts() {
        assertEquals(List.of(), HostsXml.parseHosts("<hosts/>"));
    }

    @Test
    void somethingElseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> HostsXml.parseHosts("<html><body>404</body></html>"));
        assertThrows(IllegalArgumentException.class, () -> HostsXml.parseHosts("<hosts><host>"));
        assertThrows(IllegalArgumentException.class, () -> HostsXml.parseHosts("Not Found"));
    }

    @Test
    void entitiesAreNeverResolved() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE hosts [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <hosts><host id="1"><name>&x;</name></host></hosts>""";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostsXml.parseHosts(xxe));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void faults() {
        assertEquals("Operation Failed: [Cannot add Host. Host with the same name already exists.]",
                HostsXml.faultMessage("<fault><reason>Operation Failed</reason><detail>[Cannot add Host. Host with the same name already exists.]</detail></fault>").orElseThrow());
        assertEquals("Bad Request", HostsXml.faultMessage("<fault><reason>Bad Request</reason></fault>").orElseThrow());
        assertTrue(HostsXml.faultMessage("<hosts/>").isEmpty());
        assertTrue(HostsXml.faultMessage("not xml").isEmpty());
    }
}
