package org.trustpool.dal;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.UUID;

import javax.sql.DataSource;

import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.VdsDynamic;
import org.trustpool.common.businessentities.VdsStatic;

/**
 * Rows committed outside a test transaction, for tests whose point is concurrency between connections (each in
 * its own transaction) or between engine nodes; the test removes them afterwards ({@link #removeHost}).
 */
public final class CommittedRows {
    private CommittedRows() {
    }

    /** A host in the Default cluster with a unique name starting with {@code prefix}. */
    public static VdsStatic host(DataSource committed, String prefix, long physicalMemMb, VDSStatus status) {
        VdsStatic vds = new VdsStatic();
        vds.setId(UUID.randomUUID());
        vds.setName(prefix + "-" + vds.getId());
        vds.setHostName(vds.getName() + ".example.com");
        vds.setPort(1 + (int) (Math.random() * 60000));
        vds.setClusterId(DaoTestBase.DEFAULT_CLUSTER_ID);
        new VdsStaticDao(committed).save(vds);
        VdsDynamic dynamic = new VdsDynamic();
        dynamic.setId(vds.getId());
        dynamic.setStatus(status);
        dynamic.setPhysicalMemMb(physicalMemMb);
        new VdsDynamicDao(committed).save(dynamic);
        return vds;
    }

    public static void removeHost(DataSource committed, UUID id) {
        new VdsDynamicDao(committed).remove(id);
        new VdsStaticDao(committed).remove(id);
    }

    /** A DataSource handing out this one connection, which a DAO's close() leaves open (the test commits it). */
    public static DataSource oneConnection(Connection connection) {
        Connection kept = (Connection) Proxy.newProxyInstance(CommittedRows.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> "close".equals(method.getName()) ? null : method.invoke(connection, args));
        return (DataSource) Proxy.newProxyInstance(CommittedRows.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> "getConnection".equals(method.getName()) ? kept : null);
    }
}
