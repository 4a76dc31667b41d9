package org.trustpool.bll.host;

import java.util.Set;

import org.trustpool.bll.CommandBase;
import org.trustpool.bll.CommandContext;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.validator.VdsValidator;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.businessentities.Vds;

/** Commands on one existing host: lock it, read it once the lock is held, check it exists. */
abstract class VdsCommandBase<P extends IdParameters> extends CommandBase<P> {
    protected Vds vds;
    protected VdsValidator vdsValidator;

    protected VdsCommandBase(P parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected Set<String> exclusiveLocks() {
        return Set.of(LockManager.vds(parameters.getId()));
    }

    /** Reads the host (after the lock is held, so what is validated is what is changed). */
    protected boolean loadAndCheckExists() {
        vds = context.vdsDao().get(parameters.getId());
        vdsValidator = new VdsValidator(vds);
        if (vds != null) {
            audit().withVds(vds).withCluster(vds.getClusterId(), vds.getClusterName());
        }
        return validate(vdsValidator.exists());
    }

    @Override protected String entityTypeName() { return "Host"; }
}
