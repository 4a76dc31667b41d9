package org.trustpool.bll.vm;

import java.util.Set;

import org.trustpool.bll.CommandBase;
import org.trustpool.bll.CommandContext;
import org.trustpool.bll.EngineException;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.scheduling.SchedulingRequest;
import org.trustpool.bll.validator.VmValidator;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.errors.EngineMessage;
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

    /**
     * Right before the agent is told to run the VM on the chosen host: when the VM needs trust, that host
     * must still be Up and TRUSTED now. Validation chose it from the cache a moment ago, and re-attestation
     * may have turned it untrusted since (it updates the cache before it takes the host out); without this
     * the VM would start there and run until the next re-attestation cycle moves it.
     */
    protected void requireStillTrusted(Vds chosen, boolean trustRequired) {
        if (!trustRequired) {
            return;
        }
        HostTrust trust = context.attestationBroker().currentTrust(chosen.getId());
        Vds now = context.vdsDao().get(chosen.getId());
        if (!trust.isTrusted() || now == null || now.getStatus() != VDSStatus.Up) {
            throw new EngineException(EngineMessage.ACTION_TYPE_FAILED_HOST_TRUST_CHANGED, "Host " + chosen.getName()
                    + " stopped being a trusted, Up host while the VM was placed (" + trust.level() + ": " + trust.reason()
                    + (now == null ? "" : ", " + now.getStatus()) + "); nothing was started there. Try again.");
        }
    }

    protected HostAgentClient agentOf(Vds host) {
        return context.hostAgents().forHost(host.getStaticData().getHostName(), host.getStaticData().getPort());
    }

    @Override protected String entityTypeName() { return "VM"; }
}
