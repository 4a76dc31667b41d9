package org.trustpool.bll.user;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import java.util.Set;
import java.util.UUID;

import org.trustpool.bll.CommandBase;
import org.trustpool.bll.CommandContext;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.validator.EntityValidators;
import org.trustpool.common.action.UserParameters;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.DbUser;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.utils.PasswordHash;

/** Adds an internal user; only the password's hash is stored. */
public class AddUserCommand extends CommandBase<UserParameters> {

    public AddUserCommand(UserParameters parameters, CommandContext context) {
        super(parameters, context);
        audit().addCustomValue("TargetUserName", parameters.getUser().getLoginName())
                .addCustomValue("Role", String.valueOf(parameters.getUser().getRole()));
    }

    @Override protected Set<String> exclusiveLocks() {
        return Set.of(LockManager.name("user", parameters.getUser().getLoginName()));
    }

    @Override protected boolean validate() {
        DbUser user = parameters.getUser();
        return validate(EntityValidators.validName(user.getName()))
                && validate(UserChecks.internalDomain(user))
                && validate(UserChecks.passwordStrongEnough(parameters.getPassword()))
                && validate(context.dbUserDao().getByNameAndDomain(user.getName(), user.getDomain()) == null ? VALID
                        : failWith(EngineMessage.ACTION_TYPE_FAILED_USER_NAME_ALREADY_USED, "Name", user.getLoginName()));
    }

    @Override protected void executeCommand() {
        DbUser user = parameters.getUser();
        user.setId(UUID.randomUUID());
        user.setPasswordHash(PasswordHash.hash(parameters.getPassword()));
        context.dbUserDao().save(user);
        setReturnValue(user.getId());
    }

    @Override protected AuditLogType auditOnSuccess() { return AuditLogType.USER_ADD_USER; }
    @Override protected AuditLogType auditOnFailure() { return AuditLogType.USER_ADD_USER_FAILED; }
    @Override protected String actionVerb() { return "add"; }
    @Override protected String entityTypeName() { return "User"; }
}
