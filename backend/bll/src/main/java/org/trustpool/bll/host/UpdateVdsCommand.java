package org.trustpool.bll.host;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.trustpool.bll.CommandContext;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.validator.EntityValidators;
import org.trustpool.bll.validator.HostAddressValidator;
import org.trustpool.common.action.UpdateVdsParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.VdsStatic;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;

/**
 * Edits a host: its name, the address and port of its agent, its cluster, its comment (oVirt's UpdateVdsCommand).
 * The fields the request names are merged into the host as it is when the lock is held.
 *
 * <p>Name, address and port are what the attestation service and the engine know the machine by, and the
 * cluster decides its trust policy; so any of them changes only in Maintenance, where the host runs
 * nothing and is no candidate for placement, and the host's verdict is then forgotten: activating it
 * again attests it afresh under what it now is (in a trusted cluster it is Up only when trusted).
 */
public class UpdateVdsCommand extends VdsCommandBase<UpdateVdsParameters> {
    private VdsStatic edited;
    private Cluster targetCluster;
    /** What changes, in words for the audit log. */
    private final List<String> changes = new ArrayList<>();
    /** Which of the host's identity fields (name, address, cluster) change. */
    private final List<String> identityChanges = new ArrayList<>();

    public UpdateVdsCommand(UpdateVdsParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected Set<String> exclusiveLocks() {
        Set<String> locks = new LinkedHashSet<>(super.exclusiveLocks());
        // The same names AddVds takes, so an add and an edit cannot both claim one name or address.
        if (parameters.getName() != null) {
            locks.add(LockManager.name("host", parameters.getName()));
        }
        if (parameters.getHostName() != null && parameters.getPort() != null) {
            locks.add(LockManager.name("address", parameters.getHostName() + ":" + parameters.getPort()));
        }
        // An edit of only the address or only the port cannot name the pair before the host is read;
        // the unique constraint on (host_name, port) decides a race with an add (409, taken meanwhile).
        return locks;
    }

    @Override protected boolean validate() {
        if (!loadAndCheckExists()) {
            return false;
        }
        VdsStatic current = vds.getStaticData();
        edited = merged(current);
        targetCluster = context.clusterDao().get(edited.getClusterId());
        recordChanges(current);
        return validate(EntityValidators.validName(edited.getName()))
                && validate(HostAddressValidator.validAddress(edited.getHostName()))
                && validate(HostAddressValidator.validPort(edited.getPort()))
                && validate(EntityValidators.notNull(targetCluster, EngineMessage.ACTION_TYPE_FAILED_CLUSTER_NOT_FOUND))
                && validate(maintenanceForIdentityChanges())
                && validate(nameUnique())
                && validate(addressUnique())
                && validate(noPinnedVmsLeftBehind(current));
    }

    private VdsStatic merged(VdsStatic current) {
        VdsStatic v = new VdsStatic();
        v.setId(current.getId());
        v.setComment(parameters.getComment() != null ? parameters.getComment() : current.getComment());
        v.setName(parameters.getName() != null ? parameters.getName() : current.getName());
        v.setHostName(parameters.getHostName() != null ? parameters.getHostName() : current.getHostName());
        v.setPort(parameters.getPort() != null ? parameters.getPort() : current.getPort());
        v.setClusterId(parameters.getClusterId() != null ? parameters.getClusterId() : current.getClusterId());
        return v;
    }

    private void recordChanges(VdsStatic current) {
        if (!Objects.equals(current.getName(), edited.getName())) {
            identityChanges.add("name");
            changes.add("name from " + current.getName() + " to " + edited.getName());
        }
        if (!Objects.equals(current.getHostName(), edited.getHostName()) || current.getPort() != edited.getPort()) {
            identityChanges.add("address");
            changes.add("address from " + current.getHostName() + ":" + current.getPort() + " to " + edited.getHostName() + ":" + edited.getPort());
        }
        if (!Objects.equals(current.getClusterId(), edited.getClusterId())) {
            identityChanges.add("cluster");
            changes.add("cluster from " + vds.getClusterName() + " to " + (targetCluster != null ? targetCluster.getName() : edited.getClusterId()));
        }
        if (!Objects.equals(current.getComment(), edited.getComment())) {
            changes.add("comment");
        }
        audit().addCustomValue("Changes", changes.isEmpty() ? "nothing changed" : String.join(", ", changes));
    }

    private ValidationResult maintenanceForIdentityChanges() {
        return identityChanges.isEmpty() || vds.getStatus() == VDSStatus.Maintenance ? VALID
                : failWith(EngineMessage.ACTION_TYPE_FAILED_VDS_EDIT_NEEDS_MAINTENANCE, "Fields", String.join(" and ", identityChanges),
                        "Status", vds.getStatus().name());
    }

    private ValidationResult nameUnique() {
        VdsStatic other = context.vdsStaticDao().getByName(edited.getName());
        return other == null || other.getId().equals(edited.getId()) ? VALID
                : failWith(EngineMessage.ACTION_TYPE_FAILED_VDS_NAME_ALREADY_USED, "Name", edited.getName());
    }

    private ValidationResult addressUnique() {
        VdsStatic other = context.vdsStaticDao().getByHostNameAndPort(edited.getHostName(), edited.getPort());
        return other == null || other.getId().equals(edited.getId()) ? VALID
                : failWith(EngineMessage.ACTION_TYPE_FAILED_VDS_ADDRESS_ALREADY_USED, "OtherHost", other.getName(),
                        "Address", edited.getHostName() + ":" + edited.getPort());
    }

    /** A VM pinned to this host could never run again if the host left the VM's cluster. */
    private ValidationResult noPinnedVmsLeftBehind(VdsStatic current) {
        if (Objects.equals(current.getClusterId(), edited.getClusterId())) {
            return VALID;
        }
        String pinned = context.vmDao().getAllForCluster(current.getClusterId()).stream()
                .filter(vm -> edited.getId().equals(vm.getStaticData().getDedicatedVmForVds()))
                .map(vm -> vm.getName()).sorted().collect(Collectors.joining(", "));
        return pinned.isEmpty() ? VALID : failWith(EngineMessage.ACTION_TYPE_FAILED_VDS_HAS_PINNED_VMS, "VmNames", pinned);
    }

    @Override protected void executeCommand() {
        if (changes.isEmpty()) {
            return;
        }
        context.vdsStaticDao().update(edited);
        if (!identityChanges.isEmpty()) {
            // Whatever was known about the host's trust was about its old name, address or cluster.
            context.attestationBroker().forget(edited.getId());
        }
        audit().withVds(edited).withCluster(targetCluster);
    }

    @Override protected void afterCommit() {
        // The manager talks to the agent at the address it was given; it must use the new one.
        context.vdsManagers().refreshSoon(edited.getId());
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_UPDATE_VDS; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_UPDATE_VDS_FAILED; }
    @Override protected String actionVerb() { return "update"; }
}
