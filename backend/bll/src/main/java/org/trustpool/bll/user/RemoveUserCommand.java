package org.trustpool.bll.user;

import java.util.Set;

import org.trustpool.bll.CommandBase;
import org.trustpool.bll.CommandContext;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.validator.EntityValidators;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.DbUser;
import org.trustpool.common.businessentities.Role;
import org.trustpool.common.errors.EngineMessage;

/** Removes a user; its SSO tokens go with it (foreign key cascade), so it is logged out at once. */
public class RemoveUserCommand extends CommandBase<IdParameters> {
    private DbUser user;

    public RemoveUserCommand(IdParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected Set<String> exclusiveLocks() {
        return Set.of(LockManager.name("user-id", String.valueOf(parameters.getId())), LockManager.name("admins", ""));
    }

    @Override protected boolean validate() {
        user = context.dbUserDao().get(parameters.getId());
        if (!validate(EntityValidators.notNull(user, EngineMessage.ACTION_TYPE_FAILED_USER_NOT_FOUND))) {
            return false;
        }
        audit().addCustomValue("TargetUserName", user.getLoginName());
        return user.getRole() != Role.ADMIN || validate(UserChecks.notLastAdmin(context.dbUserDao(), user.getId()));
    }

    @Override protected void executeCommand() {
        context.dbUserDao().remove(user.getId());
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_REMOVE_USER; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_REMOVE_USER_FAILED; }
    @Override protected String actionVerb() { return "remove"; }
    @Override protected String entityTypeName() { return "User"; }
}
