package org.trustpool.bll.vm;

import java.util.Set;

import org.trustpool.bll.CommandBase;
import org.trustpool.bll.CommandContext;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.scheduling.SchedulingRequest;
import org.trustpool.bll.validator.VmValidator;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.vdsbroker.HostAgentClient;

/** Commands on one existing VM: lock it, read it once the lock is held, check it exists. */
abstract class VmCommandBase<P extends IdParameters> extends CommandBase<P> {
    protected Vm vm;
    protected VmValidator vmValidator;

    protected VmCommandBase(P parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected Set<String> exclusiveLocks() {
        return Set.of(LockManager.vm(parameters.getId()));
    }

    protected boolean loadAndCheckExists() {
        vm = context.vmDao().get(parameters.getId());
        vmValidator = new VmValidator(vm);
        if (vm != null) {
            audit().withVm(vm).withCluster(vm.getClusterId(), vm.getClusterName());
        }
        return validate(vmValidator.exists());
    }

    /**
     * The request with the VM's cluster read once. When the VM needs trust, the verdicts of the
     * cluster's hosts are fetched first (one shared, batched refresh for those without one), so the
     * trust filter then decides from the cache alone.
     */
    protected SchedulingRequest prepared(SchedulingRequest unresolved) {
        SchedulingRequest request = unresolved.withCluster(context.clusterDao().get(vm.getClusterId()));
        if (request.requiresTrust()) {
            context.attestationBroker().ensureVerdicts(
                    context.vdsDao().getAllForCluster(vm.getClusterId()).stream().map(Vds::getId).toList());
        }
        return request;
    }

    protected HostAgentClient agentOf(Vds host) {
        return context.hostAgents().forHost(host.getStaticData().getHostName(), host.getStaticData().getPort());
    }

    @Override protected String entityTypeName() { return "VM"; }
}
