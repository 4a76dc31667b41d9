package org.trustpool.restapi.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import javax.xml.datatype.DatatypeFactory;

import org.junit.jupiter.api.Test;
import org.trustpool.api.model.Api;
import org.trustpool.api.model.Fault;
import org.trustpool.api.model.ProductInfo;
import org.trustpool.api.model.Version;

class MappersTest {

    @Test
    void timesAreWrittenWithMillisecondsInUtc() throws Exception {
        // PostgreSQL gives microseconds; the oVirt SDK reads exactly three fraction digits.
        Instant micros = Instant.parse("2024-05-01T10:00:00.123456Z");
        assertEquals("2024-05-01T10:00:00.123Z", Mappers.toXml(micros).toXMLFormat());
        assertEquals(Instant.parse("2024-05-01T10:00:00.123Z"), Mappers.toInstant(Mappers.toXml(micros)));
        // Input in another offset or without one (taken as UTC).
        DatatypeFactory f = DatatypeFactory.newInstance();
        assertEquals(Instant.parse("2024-05-01T08:00:00Z"),
                Mappers.toInstant(f.newXMLGregorianCalendar("2024-05-01T10:00:00+02:00")));
        assertEquals(Instant.parse("2024-05-01T10:00:00.5Z"),
                Mappers.toInstant(f.newXMLGregorianCalendar("2024-05-01T10:00:00.5")));
        assertNull(Mappers.toXml(null));
    }

    @Test
    void versionsSplitAndJoin() {
        Version v = Mappers.toModelVersion("4.7");
        assertEquals(4, v.getMajor());
        assertEquals(7, v.getMinor());
        assertNull(Mappers.toModelVersion("unknown"));
        assertEquals("4.7", Mappers.toEntityVersion(v, null));
        Version v3 = new Version();
        v3.setMajorAttribute(3);
        v3.setMinorAttribute(2);
        assertEquals("3.2", Mappers.toEntityVersion(v3, "4.7"));
    }

    @Test
    void memoryRoundsDownToMegabytes() {
        assertEquals(1, Mappers.bytesToMb(2 * Mappers.BYTES_PER_MB - 1));
        assertEquals(1024L * 1024 * 1024, Mappers.mbToBytes(1024));
        assertThrows(IllegalArgumentException.class, () -> Mappers.bytesToMb(Long.MAX_VALUE));
    }

    @Test
    void apiRootAndFaultMarshalAsOvirtDocuments() {
        Api api = new Api();
        api.getLink().addAll(Hrefs.collectionLinks());
        ProductInfo info = new ProductInfo();
        info.setName("Trustpool");
        info.setVersion(Mappers.toModelVersion("4.4"));
        api.setProductInfo(info);
        api.setTime(Mappers.toXml(Instant.parse("2024-05-01T10:00:00Z")));

        String xml = Xml.marshal(api);
        assertTrue(xml.contains("<api><link href=\"/ovirt-engine/api/clusters\" rel=\"clusters\"/>"), xml);
        assertTrue(xml.contains("<link href=\"/ovirt-engine/api/datacenters\" rel=\"datacenters\"/>"), xml);
        assertTrue(xml.contains("<product_info><name>Trustpool</name><version><major>4</major>"), xml);
        assertTrue(xml.contains("<time>2024-05-01T10:00:00.000Z</time>"), xml);

        Fault fault = new Fault();
        fault.setReason("Operation Failed");
        fault.setDetail("[Cannot run VM. There is no host that satisfies current scheduling constraints.]");
        assertTrue(Xml.marshal(fault).contains("<fault><reason>Operation Failed</reason><detail>"));
    }
}
