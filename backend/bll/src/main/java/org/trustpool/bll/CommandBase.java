package org.trustpool.bll;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.trustpool.bll.auditlog.AuditLogable;
import org.trustpool.common.action.ActionParametersBase;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.errors.ValidationResult;

/**
 * One state change. The CommandExecutor drives it: prepare() (network reads, no lock), locks,
 * validate() (reads only, collects EngineMessages), executeCommand() in a short transaction, the
 * locks released, then the command's RemoteStep if it has one (the agent call, then its outcome
 * recorded in a new transaction), then the audit entry the command names.
 * Locking, transactions and audit writing live in the executor, not here.
 */
public abstract class CommandBase<P extends ActionParametersBase> {
    protected final P parameters;
    protected final CommandContext context;
    private final List<ValidationResult> validationMessages = new ArrayList<>();
    private final AuditLogable auditLogable = new AuditLogable();
    private Object returnValue;

    protected CommandBase(P parameters, CommandContext context) {
        this.parameters = parameters;
        this.context = context;
        auditLogable.withUser(parameters.getUserName(), parameters.getCorrelationId());
    }

    /** Pure checks; must not write. The default accepts. */
    protected boolean validate() {
        return true;
    }

    /** The change itself, inside a transaction; throw EngineException for an expected failure. */
    protected abstract void executeCommand();

    protected abstract AuditLogType auditOnSuccess();

    protected abstract AuditLogType auditOnFailure();

    /** Most refusals change nothing and need no audit entry; security-relevant ones override this. */
    protected AuditLogType auditOnValidationFailure() {
        return null;
    }

    /** Entities this command must hold alone while it validates and runs (LockManager keys). */
    protected Set<String> exclusiveLocks() {
        return Set.of();
    }

    /** Entities that must not change while this command validates and runs, though it does not change them. */
    protected Set<String> sharedLocks() {
        return Set.of();
    }

    /**
     * Before any lock is taken: what needs the network and only reads (attestation verdicts fetched into
     * the cache, so that placement under the locks decides from memory). Must not write.
     */
    protected void prepare() {
    }

    /** The network part of the change, run after executeCommand() committed and the locks were released; null: none. */
    protected RemoteStep remoteStep() {
        return null;
    }

    /** Runs after the transaction committed (e.g. to wake monitoring); failures here are logged only. */
    protected void afterCommit() {
    }

    /** Words for messages: "Cannot ${action} ${type}." */
    protected abstract String actionVerb();

    protected abstract String entityTypeName();

    protected final boolean validate(ValidationResult result) {
        if (!result.isValid()) {
            validationMessages.add(result);
            return false;
        }
        return true;
    }

    protected final AuditLogable audit() {
        return auditLogable;
    }

    protected final void setReturnValue(Object value) {
        this.returnValue = value;
    }

    final Object getReturnValue() { return returnValue; }
    final List<ValidationResult> getValidationMessages() { return validationMessages; }
    final AuditLogable getAuditLogable() { return auditLogable; }

    // package-private doors for the executor
    final boolean runValidate() { return validate(); }
    final void runExecute() { executeCommand(); }
    final Set<String> locks() { return exclusiveLocks(); }
    final Set<String> readLocks() { return sharedLocks(); }
    final void runPrepare() { prepare(); }
    final RemoteStep runRemoteStep() { return remoteStep(); }
    final void runAfterCommit() { afterCommit(); }
    final AuditLogType successType() { return auditOnSuccess(); }
    final AuditLogType failureType() { return auditOnFailure(); }
    final AuditLogType validationFailureType() { return auditOnValidationFailure(); }
    final String verb() { return actionVerb(); }
    final String typeName() { return entityTypeName(); }
}
