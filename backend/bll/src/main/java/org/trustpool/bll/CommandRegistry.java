package org.trustpool.bll;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import org.trustpool.bll.cluster.AddClusterCommand;
import org.trustpool.bll.config.UpdateVdcOptionCommand;
import org.trustpool.bll.cluster.RemoveClusterCommand;
import org.trustpool.bll.cluster.UpdateClusterCommand;
import org.trustpool.bll.host.ActivateVdsCommand;
import org.trustpool.bll.host.AddVdsCommand;
import org.trustpool.bll.host.InitVdsOnUpCommand;
import org.trustpool.bll.host.MaintenanceVdsCommand;
import org.trustpool.bll.host.ReattestVdsCommand;
import org.trustpool.bll.host.RemoveVdsCommand;
import org.trustpool.bll.host.SetNonOperationalVdsCommand;
import org.trustpool.bll.host.UpdateVdsCommand;
import org.trustpool.bll.ovf.ExportDirectory;
import org.trustpool.bll.ovf.RemoveExportCommand;
import org.trustpool.bll.template.AddVmTemplateCommand;
import org.trustpool.bll.template.ExportVmTemplateCommand;
import org.trustpool.bll.template.ImportVmTemplateCommand;
import org.trustpool.bll.template.RemoveVmTemplateCommand;
import org.trustpool.bll.template.UpdateVmTemplateCommand;
import org.trustpool.bll.user.AddUserCommand;
import org.trustpool.bll.user.RemoveUserCommand;
import org.trustpool.bll.user.UpdateUserCommand;
import org.trustpool.bll.vm.AddVmCommand;
import org.trustpool.bll.vm.ExportVmCommand;
import org.trustpool.bll.vm.ImportVmCommand;
import org.trustpool.bll.vm.MigrateVmCommand;
import org.trustpool.bll.vm.RemoveVmCommand;
import org.trustpool.bll.vm.RunVmCommand;
import org.trustpool.bll.vm.StopVmCommand;
import org.trustpool.bll.vm.UpdateVmCommand;
import org.trustpool.common.action.ActionParametersBase;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.AddVdsParameters;
import org.trustpool.common.action.AddVmTemplateParameters;
import org.trustpool.common.action.ClusterOperationParameters;
import org.trustpool.common.action.ExportParameters;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.action.ImportParameters;
import org.trustpool.common.action.MigrateVmParameters;
import org.trustpool.common.action.RunVmParameters;
import org.trustpool.common.action.SetNonOperationalVdsParameters;
import org.trustpool.common.action.UpdateVdsParameters;
import org.trustpool.common.action.UpdateVmTemplateParameters;
import org.trustpool.common.action.UserParameters;
import org.trustpool.common.action.VdcOptionParameters;
import org.trustpool.common.action.VmManagementParameters;

/** Which command serves which ActionType, written out explicitly (no class-name reflection). */
public class CommandRegistry {

    private record Entry<P extends ActionParametersBase>(Class<P> parameterType,
            BiFunction<P, CommandContext, CommandBase<P>> factory) {
    }

    private final Map<ActionType, Entry<?>> entries = new EnumMap<>(ActionType.class);

    /** Internal actions are run by the engine itself, never on a user's request. */
    private static final Set<ActionType> INTERNAL = Set.of(ActionType.InitVdsOnUp, ActionType.SetNonOperationalVds);

    public CommandRegistry() {
        register(ActionType.AddCluster, ClusterOperationParameters.class, AddClusterCommand::new);
        register(ActionType.UpdateCluster, ClusterOperationParameters.class, UpdateClusterCommand::new);
        register(ActionType.RemoveCluster, IdParameters.class, RemoveClusterCommand::new);
        register(ActionType.AddVds, AddVdsParameters.class, AddVdsCommand::new);
        register(ActionType.UpdateVds, UpdateVdsParameters.class, UpdateVdsCommand::new);
        register(ActionType.RemoveVds, IdParameters.class, RemoveVdsCommand::new);
        register(ActionType.ActivateVds, IdParameters.class, ActivateVdsCommand::new);
        register(ActionType.MaintenanceVds, IdParameters.class, MaintenanceVdsCommand::new);
        register(ActionType.ReattestVds, IdParameters.class, ReattestVdsCommand::new);
        register(ActionType.InitVdsOnUp, IdParameters.class, InitVdsOnUpCommand::new);
        register(ActionType.SetNonOperationalVds, SetNonOperationalVdsParameters.class, SetNonOperationalVdsCommand::new);
        register(ActionType.AddVm, VmManagementParameters.class, AddVmCommand::new);
        register(ActionType.UpdateVm, VmManagementParameters.class, UpdateVmCommand::new);
        register(ActionType.RemoveVm, IdParameters.class, RemoveVmCommand::new);
        register(ActionType.RunVm, RunVmParameters.class, RunVmCommand::new);
        register(ActionType.StopVm, IdParameters.class, StopVmCommand::new);
        register(ActionType.MigrateVm, MigrateVmParameters.class, MigrateVmCommand::new);
        register(ActionType.AddVmTemplate, AddVmTemplateParameters.class, AddVmTemplateCommand::new);
        register(ActionType.RemoveVmTemplate, IdParameters.class, RemoveVmTemplateCommand::new);
        register(ActionType.UpdateVmTemplate, UpdateVmTemplateParameters.class, UpdateVmTemplateCommand::new);
        register(ActionType.AddUser, UserParameters.class, AddUserCommand::new);
        register(ActionType.UpdateUser, UserParameters.class, UpdateUserCommand::new);
        register(ActionType.RemoveUser, IdParameters.class, RemoveUserCommand::new);
        register(ActionType.UpdateVdcOption, VdcOptionParameters.class, UpdateVdcOptionCommand::new);
        register(ActionType.ExportVm, ExportParameters.class, ExportVmCommand::new);
        register(ActionType.ImportVm, ImportParameters.class, ImportVmCommand::new);
        register(ActionType.ExportVmTemplate, ExportParameters.class, ExportVmTemplateCommand::new);
        register(ActionType.ImportVmTemplate, ImportParameters.class, ImportVmTemplateCommand::new);
        register(ActionType.RemoveExportedVm, IdParameters.class, (p, c) -> new RemoveExportCommand(p, c, ExportDirectory.Kind.VM));
        register(ActionType.RemoveExportedVmTemplate, IdParameters.class, (p, c) -> new RemoveExportCommand(p, c, ExportDirectory.Kind.TEMPLATE));
    }

    private <P extends ActionParametersBase> void register(ActionType type, Class<P> parameterType,
            BiFunction<P, CommandContext, CommandBase<P>> factory) {
        if (entries.put(type, new Entry<>(parameterType, factory)) != null) {
            throw new IllegalStateException(type + " registered twice");
        }
    }

    public boolean isRegistered(ActionType type) {
        return entries.containsKey(type);
    }

    public boolean isInternal(ActionType type) {
        return INTERNAL.contains(type);
    }

    /** A new command for these parameters; IllegalArgumentException when they are of the wrong type. */
    public CommandBase<?> create(ActionType type, ActionParametersBase parameters, CommandContext context) {
        Entry<?> entry = entries.get(type);
        if (entry == null) {
            throw new IllegalStateException("no command registered for " + type);
        }
        return build(entry, type, parameters, context);
    }

    private static <P extends ActionParametersBase> CommandBase<P> build(Entry<P> entry, ActionType type,
            ActionParametersBase parameters, CommandContext context) {
        if (!entry.parameterType().isInstance(parameters)) {
            throw new IllegalArgumentException(type + " takes " + entry.parameterType().getSimpleName()
                    + ", not " + (parameters == null ? "null" : parameters.getClass().getSimpleName()));
        }
        return entry.factory().apply(entry.parameterType().cast(parameters), context);
    }
}
