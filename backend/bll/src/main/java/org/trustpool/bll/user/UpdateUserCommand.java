package org.trustpool.bll.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.trustpool.bll.CommandBase;
import org.trustpool.bll.CommandContext;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.validator.EntityValidators;
import org.trustpool.common.action.UserParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.DbUser;
import org.trustpool.common.businessentities.Role;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.utils.PasswordHash;

/** Changes a user's role and/or password (name and domain stay: they are how the user logs in). */
public class UpdateUserCommand extends CommandBase<UserParameters> {
    private DbUser existing;

    public UpdateUserCommand(UserParameters parameters, CommandContext context) {
        super(parameters, context);
    }

    @Override protected Set<String> exclusiveLocks() {
        return Set.of(LockManager.name("user-id", String.valueOf(parameters.getUser().getId())), LockManager.name("admins", ""));
    }

    @Override protected boolean validate() {
        existing = parameters.getUser().getId() == null ? null : context.dbUserDao().get(parameters.getUser().getId());
        if (!validate(EntityValidators.notNull(existing, EngineMessage.ACTION_TYPE_FAILED_USER_NOT_FOUND))) {
            return false;
        }
        audit().addCustomValue("TargetUserName", existing.getLoginName());
        boolean demoted = existing.getRole() == Role.ADMIN && parameters.getUser().getRole() == Role.READ_ONLY;
        return (parameters.getPassword() == null || validate(UserChecks.passwordStrongEnough(parameters.getPassword())))
                && (!demoted || validate(UserChecks.notLastAdmin(context.dbUserDao(), existing.getId())));
    }

    @Override protected void executeCommand() {
        List<String> changes = new ArrayList<>();
        Role role = parameters.getUser().getRole();
        if (role != null && role != existing.getRole()) {
            existing.setRole(role);
            context.dbUserDao().update(existing);
            changes.add("role " + role);
        }
        if (parameters.getPassword() != null) {
            context.dbUserDao().setPassword(existing.getName(), existing.getDomain(), PasswordHash.hash(parameters.getPassword()));
            changes.add("password changed");
        }
        audit().addCustomValue("Changes", changes.isEmpty() ? "nothing changed" : String.join(", ", changes));
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_UPDATE_USER; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_UPDATE_USER_FAILED; }
    @Override protected String actionVerb() { return "update"; }
    @Override protected String entityTypeName() { return "User"; }
}
