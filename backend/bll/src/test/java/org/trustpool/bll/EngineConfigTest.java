package org.trustpool.bll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.ConfigValues;
import org.trustpool.common.businessentities.VdcOption;
import org.trustpool.dal.VdcOptionDao;

class EngineConfigTest {

    @Test
    void theEnginesConfigurationReadsEachOptionOnceThenFromMemoryAndTakesAnAdministratorsChangeAtOnce() {
        VdcOptionDao dao = mock(VdcOptionDao.class);
        when(dao.get("AttestationBatchSize")).thenReturn(new VdcOption("AttestationBatchSize", "50"));
        EngineConfig config = EngineConfig.inMemory(dao);
        for (int i = 0; i < 1000; i++) {
            assertEquals(50, config.getInt(ConfigValues.AttestationBatchSize, 7));
            assertEquals(7, config.getInt("AttestationPort", 7), "a missing option is its default");
        }
        verify(dao, times(1)).get("AttestationBatchSize");
        verify(dao, times(1)).get("AttestationPort");

        config.changed("AttestationBatchSize", "100");
        assertEquals(100, config.getInt("AttestationBatchSize", 7));
        when(dao.get("AttestationBatchSize")).thenReturn(new VdcOption("AttestationBatchSize", "20"));
        assertEquals(100, config.getInt("AttestationBatchSize", 7), "memory until reloaded");
        config.reload();
        assertEquals(20, config.getInt("AttestationBatchSize", 7));
        assertEquals(2, config.getInt("AttestationBatchSize", 7) / 10);
        verify(dao, times(2)).get("AttestationBatchSize");
    }

    @Test
    void withoutMemoryEveryReadAsksTheDatabase() {
        VdcOptionDao dao = mock(VdcOptionDao.class);
        when(dao.get("LoginMaxFailures")).thenReturn(new VdcOption("LoginMaxFailures", "x"));
        EngineConfig config = new EngineConfig(dao);
        assertEquals(5, config.getInt("LoginMaxFailures", 5), "malformed: the default");
        assertEquals(5, config.getInt("LoginMaxFailures", 5));
        verify(dao, times(2)).get("LoginMaxFailures");
    }
}
