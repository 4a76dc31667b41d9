package org.trustpool.dal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.VDSStatus;

class StoredProcedureCallerTest extends DaoTestBase {
    private StoredProcedureCaller caller;

    @BeforeEach
    void setUp() {
        caller = new StoredProcedureCaller(dataSource);
    }

    @Test
    void refusesProcedureNamesThatAreNotPlainIdentifiers() {
        assertThrows(IllegalArgumentException.class,
                () -> caller.executeReadList("GetAllFromUsers() union select * from users --", rs -> 1));
        assertThrows(IllegalArgumentException.class, () -> caller.executeModification("DeleteUser; drop table users"));
        assertThrows(IllegalArgumentException.class, () -> caller.executeModification(null));
    }

    @Test
    void sqlExceptionBecomesDalExceptionKeepingTheCause() {
        DalException e = assertThrows(DalException.class, () -> caller.executeModification("NoSuchProcedure", 1));
        assertTrue(e.getCause() instanceof SQLException, String.valueOf(e.getCause()));
        assertEquals("42883", e.getSqlState()); // undefined_function
        assertTrue(e.getMessage().contains("NoSuchProcedure"), e.getMessage());
    }

    @Test
    void singleRowReadRefusesSeveralRows() {
        assertThrows(DalException.class, () -> caller.executeRead("GetAllFromVdcOption", rs -> rs.getString(1)));
    }

    @Test
    void enumsMustBeConvertedByTheDao() {
        assertThrows(IllegalArgumentException.class,
                () -> caller.executeModification("UpdateVdsDynamicStatus", DEFAULT_CLUSTER_ID, VDSStatus.Up));
    }

    @Test
    void functionResultIsConvertedToTheRequestedType() {
        assertEquals(Boolean.FALSE, caller.executeFunction("SetUserPassword", Boolean.class, "nobody", "nowhere", "x"));
    }
}
