package org.trustpool.dal;

import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.VdsDynamic;
import org.trustpool.common.businessentities.VdsStatic;
import org.trustpool.common.businessentities.VmDynamic;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.businessentities.VmTemplate;

/**
 * Base for tests against the real database: each test runs in its own transaction, which is
 * rolled back afterwards, so tests neither see nor leave each other's rows. Also holds the ids
 * of the seed data and a few helpers to add hosts and VMs.
 */
public abstract class DaoTestBase {
    /** Seed data from V1__initial_schema.sql (oVirt's ids). */
    public static final UUID DEFAULT_STORAGE_POOL_ID = UUID.fromString("5849b030-626e-47cb-ad90-3ce782d831b3");
    public static final UUID DEFAULT_CLUSTER_ID = UUID.fromString("99408929-82cf-4dc7-a532-9d998063fa95");
    public static final UUID BLANK_TEMPLATE_ID = VmTemplate.BLANK_TEMPLATE_ID;
    public static final UUID ADMIN_USER_ID = UUID.fromString("fdfc627c-d875-11e0-90f0-83df133b58cc");

    protected TestTransaction transaction;
    /** All connections from it are the test transaction's. */
    protected DataSource dataSource;

    private int nextPort = 54321;

    @BeforeEach
    protected void beginTestTransaction() {
        transaction = TestDatabase.get().beginTransaction();
        dataSource = transaction.getDataSource();
    }

    @AfterEach
    protected void rollBackTestTransaction() {
        transaction.close();
    }

    /** Adds a host in the Default cluster, Up with the given physical memory; returns its static part. */
    protected VdsStatic addHost(String name, long physicalMemMb) {
        VdsStatic vds = new VdsStatic();
        vds.setId(UUID.randomUUID());
        vds.setName(name);
        vds.setHostName(name + ".example.com");
        vds.setPort(nextPort++);
        vds.setClusterId(DEFAULT_CLUSTER_ID);
        new VdsStaticDao(dataSource).save(vds);
        VdsDynamic dynamic = new VdsDynamic();
        dynamic.setId(vds.getId());
        dynamic.setStatus(VDSStatus.Up);
        dynamic.setPhysicalMemMb(physicalMemMb);
        new VdsDynamicDao(dataSource).save(dynamic);
        return vds;
    }

    /** Adds a VM from Blank in the Default cluster, with its dynamic row in the given state. */
    protected VmStatic addVm(String name, int memSizeMb, VMStatus status, UUID runOnVds) {
        VmStatic vm = new VmStatic();
        vm.setId(UUID.randomUUID());
        vm.setName(name);
        vm.setClusterId(DEFAULT_CLUSTER_ID);
        vm.setTemplateId(BLANK_TEMPLATE_ID);
        vm.setMemSizeMb(memSizeMb);
        new VmStaticDao(dataSource).save(vm);
        VmDynamic dynamic = new VmDynamic();
        dynamic.setId(vm.getId());
        dynamic.setStatus(status);
        dynamic.setRunOnVds(runOnVds);
        new VmDynamicDao(dataSource).save(dynamic);
        return vm;
    }
}
