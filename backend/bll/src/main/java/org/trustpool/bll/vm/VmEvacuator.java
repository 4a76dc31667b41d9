package org.trustpool.bll.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.trustpool.bll.ActionRunner;
import org.trustpool.common.action.ActionParametersBase;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.MigrateVmParameters;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.dal.VmDao;

/**
 * "Migrate all VMs off this host", as a service that maintenance and non-operational both call
 * (rather than one command inheriting from the other to borrow it).
 */
public class VmEvacuator {
    private final VmDao vmDao;
    private final ActionRunner actions;

    public VmEvacuator(VmDao vmDao, ActionRunner actions) {
        this.vmDao = vmDao;
        this.actions = actions;
    }

    /** Migrates each VM running on the host; returns "vm: why" for each that could not move. */
    public List<String> migrateAllVms(UUID vdsId, ActionParametersBase cause) {
        return migrate(vmDao.getAllRunningOnVds(vdsId), cause);
    }

    /** Migrates these VMs wherever the scheduler lets them go; returns "vm: why" for each that could not move. */
    public List<String> migrate(List<Vm> vms, ActionParametersBase cause) {
        List<String> notMoved = new ArrayList<>();
        for (Vm vm : vms) {
            MigrateVmParameters parameters = new MigrateVmParameters(vm.getId(), null);
            parameters.setUserName(cause.getUserName());
            parameters.setCorrelationId(cause.getCorrelationId());
            ActionReturnValue result = actions.runAction(ActionType.MigrateVm, parameters);
            if (!result.getSucceeded()) {
                notMoved.add(vm.getName() + ": " + String.join(" ", result.getMessageTexts()));
            }
        }
        return notMoved;
    }
}
