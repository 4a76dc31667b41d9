package org.trustpool.restapi.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.trustpool.api.model.DataCenter;
import org.trustpool.api.model.DataCenters;
import org.trustpool.common.businessentities.StoragePool;

class DataCenterMapperTest {

    private static final UUID ID = UUID.fromString("dc000000-0000-4000-8000-000000000001");

    private static StoragePool pool() {
        StoragePool p = new StoragePool();
        p.setId(ID);
        p.setName("Default");
        p.setDescription("The default data center");
        p.setCompatibilityVersion("4.7");
        return p;
    }

    @Test
    void roundTripKeepsEveryMappedField() {
        StoragePool original = pool();
        assertEquals(original, DataCenterMapper.map(DataCenterMapper.map(original), null));
    }

    @Test
    void partialUpdateKeepsUnspecifiedFields() {
        DataCenter model = Xml.unmarshal("<data_center><version major=\"4\" minor=\"8\"/></data_center>",
                DataCenter.class);

        StoragePool updated = DataCenterMapper.map(model, pool());

        StoragePool expected = pool();
        expected.setCompatibilityVersion("4.8");
        assertEquals(expected, updated);
    }

    @Test
    void marshalledCollectionUsesOvirtElementNames() {
        DataCenters collection = new DataCenters();
        collection.getDataCenter().add(DataCenterMapper.map(pool()));

        String xml = Xml.marshal(collection);

        assertTrue(xml.contains("<data_centers><data_center id=\"" + ID
                + "\" href=\"/ovirt-engine/api/datacenters/" + ID + "\">"), xml);
        assertTrue(xml.contains("<version><major>4</major><minor>7</minor></version>"), xml);
    }
}
