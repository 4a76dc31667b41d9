package org.trustpool.restapi.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.Test;
import org.trustpool.api.model.Cluster;
import org.trustpool.api.model.Clusters;
import org.trustpool.api.model.DataCenter;
import org.trustpool.api.model.Fault;
import org.trustpool.api.model.Version;

import com.fasterxml.jackson.databind.JsonNode;

class JsonWriterTest {
    private final JsonWriter writer = new JsonWriter();

    private static Cluster cluster(String id, String name) {
        Cluster c = new Cluster();
        c.setId(id);
        c.setHref("/ovirt-engine/api/clusters/" + id);
        c.setName(name);
        DataCenter dc = new DataCenter();
        dc.setId("dc1");
        c.setDataCenter(dc);
        Version v = new Version();
        v.setMajor(4);
        v.setMinor(7);
        c.setVersion(v);
        return c;
    }

    @Test
    void collectionMembersAreAnArrayEvenWhenThereIsOne() throws Exception {
        Clusters clusters = new Clusters();
        clusters.getCluster().add(cluster("c1", "Default"));
        JsonNode json = writer.toJson(clusters);
        assertTrue(json.get("cluster").isArray(), json.toString());
        JsonNode first = json.get("cluster").get(0);
        assertEquals("c1", first.get("id").asText());
        assertEquals("Default", first.get("name").asText());
        assertEquals("dc1", first.get("data_center").get("id").asText());
        assertEquals("7", first.get("version").get("minor").asText());
    }

    @Test
    void emptyCollectionIsAnEmptyObjectAndEntitiesAreObjects() throws Exception {
        assertEquals("{}", writer.toJson(new Clusters()).toString());
        JsonNode one = writer.toJson(cluster("c2", "prod"));
        assertEquals("prod", one.get("name").asText());
        assertFalse(one.has("cluster"));
    }

    @Test
    void faultsAreJsonForJsonClientsOnly() throws Exception {
        Fault fault = new Fault();
        fault.setReason("Not Found");
        fault.setDetail("Cluster x not found");
        assertEquals("Cluster x not found", writer.toJson(fault).get("detail").asText());
        assertTrue(FaultMediaTypeFilter.wantsJson(List.of(MediaType.APPLICATION_JSON_TYPE)));
        assertFalse(FaultMediaTypeFilter.wantsJson(List.of(MediaType.APPLICATION_XML_TYPE, MediaType.APPLICATION_JSON_TYPE)));
        assertFalse(FaultMediaTypeFilter.wantsJson(List.of(MediaType.WILDCARD_TYPE)));
    }
}
