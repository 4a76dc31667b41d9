package org.trustpool.dal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.VdcOption;

class VdcOptionDaoTest extends DaoTestBase {
    private VdcOptionDao dao;

    @BeforeEach
    void setUp() {
        dao = new VdcOptionDao(dataSource);
    }

    @Test
    void seedHasDefaultOptions() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("VdsRefreshRate", "2");
        expected.put("VdsNonResponsiveThreshold", "2");
        expected.put("VdsConnectTimeoutSeconds", "3");
        expected.put("VdsRequestTimeoutSeconds", "10");
        expected.put("MaxVmMemoryMb", "1048576");
        expected.put("MaxVmCpus", "64");
        expected.forEach((name, value) -> {
            VdcOption option = dao.get(name);
            assertEquals(value, option.getOptionValue(), name);
            assertEquals("general", option.getVersion(), name);
        });
    }

    @Test
    void unknownOptionGivesNull() {
        assertNull(dao.get("NoSuchOption"));
        assertNull(dao.get("VdsRefreshRate", "4.7"));
    }

    @Test
    void saveThenGet() {
        dao.save(new VdcOption("AttestationIntervalSeconds", "60"));
        VdcOption read = dao.get("AttestationIntervalSeconds");
        assertEquals("60", read.getOptionValue());
        assertEquals("general", read.getVersion());
    }

    @Test
    void versionSpecificValueSitsBesideTheGeneralOne() {
        VdcOption forVersion = new VdcOption("MaxVmCpus", "128");
        forVersion.setVersion("4.8");
        dao.save(forVersion);
        assertEquals("64", dao.get("MaxVmCpus").getOptionValue());
        assertEquals("128", dao.get("MaxVmCpus", "4.8").getOptionValue());
        assertEquals("64", dao.get("MaxVmCpus", null).getOptionValue());
    }

    @Test
    void updateChangesTheValueOfThatVersionOnly() {
        VdcOption forVersion = new VdcOption("MaxVmCpus", "128");
        forVersion.setVersion("4.8");
        dao.save(forVersion);
        dao.update(new VdcOption("MaxVmCpus", "32"));
        assertEquals("32", dao.get("MaxVmCpus").getOptionValue());
        assertEquals("128", dao.get("MaxVmCpus", "4.8").getOptionValue());
    }

    @Test
    void getAllListsByNameThenVersion() {
        VdcOption forVersion = new VdcOption("MaxVmCpus", "128");
        forVersion.setVersion("4.8");
        dao.save(forVersion);
        List<VdcOption> all = dao.getAll();
        List<String> keys = all.stream().map(o -> o.getOptionName() + "/" + o.getVersion()).toList();
        assertTrue(keys.containsAll(List.of("MaxVmCpus/4.8", "MaxVmCpus/general", "VdsRefreshRate/general")), keys.toString());
        assertEquals(keys.indexOf("MaxVmCpus/4.8") + 1, keys.indexOf("MaxVmCpus/general"));
        assertEquals(keys.stream().sorted().toList(), keys);
    }

    @Test
    void duplicateNameAndVersionViolatesUniqueConstraint() {
        DalException e = assertThrows(DalException.class, () -> dao.save(new VdcOption("VdsRefreshRate", "5")));
        assertTrue(e.isUniqueViolation(), e.getSqlState());
    }
}
