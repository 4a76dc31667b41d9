package org.trustpool.arquillian;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.trustpool.bll.Backend;
import org.trustpool.common.action.ActionParametersBase;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.AddVdsParameters;
import org.trustpool.common.action.VmManagementParameters;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.VdsStatic;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.businessentities.VmTemplate;
import org.trustpool.dal.AuditLogDao;
import org.trustpool.dal.ClusterDao;
import org.trustpool.dal.VdsDao;
import org.trustpool.dal.VmDao;

/**
 * The engine as a request reaches it: every change through Backend.runAction (the real commands,
 * CommandExecutor, LockManager and container transactions), every check through the real DAOs over
 * the container's datasource. Hosts are the stand-in agents, added like any host and brought Up by the
 * engine's own host monitoring.
 */
@Dependent
public class EngineFixture {
    /** The seeded Default cluster (V1__initial_schema.sql): a plain one, no attestation involved. */
    static final UUID DEFAULT_CLUSTER = UUID.fromString("99408929-82cf-4dc7-a532-9d998063fa95");
    static final String USER = "admin@internal";

    @Inject
    Backend backend;
    @Inject
    VdsDao vdsDao;
    @Inject
    VmDao vmDao;
    @Inject
    AuditLogDao auditLogDao;
    @Inject
    ClusterDao clusterDao;

    /** Ports of this module's stand-ins: the pom's arq.standin.base.port (arquillian.xml gives it to the server) plus n. */
    static int standInPort(int n) {
        return Integer.getInteger("arq.standin.base.port", 22700) + n;
    }

    ActionReturnValue run(ActionType type, ActionParametersBase parameters) {
        parameters.setUserName(USER);
        return backend.runAction(type, parameters);
    }

    Vds addHostAndWaitUp(String name, int port) {
        VdsStatic vds = new VdsStatic();
        vds.setName(name);
        vds.setHostName("127.0.0.1");
        vds.setPort(port);
        vds.setClusterId(DEFAULT_CLUSTER);
        ActionReturnValue added = run(ActionType.AddVds, new AddVdsParameters(vds));
        assertTrue(added.getSucceeded(), "AddVds: " + added.getMessageTexts());
        UUID id = (UUID) added.getActionReturnValue();
        await("host " + name + " Up", Duration.ofSeconds(30), () -> vdsDao.get(id).getStatus() == VDSStatus.Up);
        return vdsDao.get(id);
    }

    UUID addVm(String name, int memMb) {
        VmStatic vm = new VmStatic();
        vm.setName(name);
        vm.setClusterId(DEFAULT_CLUSTER);
        vm.setTemplateId(VmTemplate.BLANK_TEMPLATE_ID);
        vm.setMemSizeMb(memMb);
        vm.setNumOfCpus(1);
        ActionReturnValue added = run(ActionType.AddVm, new VmManagementParameters(vm));
        assertTrue(added.getSucceeded(), "AddVm: " + added.getMessageTexts());
        return (UUID) added.getActionReturnValue();
    }

    Vm vm(UUID id) {
        return vmDao.get(id);
    }

    Vds host(UUID id) {
        return vdsDao.get(id);
    }

    long lastAuditId() {
        List<AuditLog> latest = auditLogDao.getAll(1);
        return latest.isEmpty() ? 0 : latest.get(0).getAuditLogId();
    }

    List<AuditLog> auditAfter(long id) {
        return auditLogDao.getAfter(id);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(what + ": not so within " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }
}
