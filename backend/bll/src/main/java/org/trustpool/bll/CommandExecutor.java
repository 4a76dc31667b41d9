package org.trustpool.bll;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.trustpool.bll.auditlog.AuditLogable;
import org.trustpool.common.action.ActionParametersBase;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.errors.EngineFault;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;
import org.trustpool.common.utils.MessageBundle;
import org.trustpool.dal.DalException;

/**
 * The command life cycle: prepare (network reads, no lock), lock (per entity), validate, execute in a
 * short transaction, unlock; then the command's RemoteStep, if any (the agent call with no lock and no
 * transaction, its outcome recorded in a new one); then audit. Nothing a command does escapes as an
 * exception: the caller always gets an ActionReturnValue.
 */
public class CommandExecutor implements ActionRunner {
    private static final Logger LOG = Logger.getLogger(CommandExecutor.class.getName());
    /**
     * Locks are held only for validation and a short database change, never across a network call, so
     * a command that cannot get them within this is refused (OBJECT_LOCKED) rather than queued.
     */
    private static final long LOCK_WAIT_MILLIS = 2_000;

    private final CommandRegistry registry;
    private final CommandContext context;
    private final TransactionRunner transactions;
    private final LockManager locks;
    private final MessageBundle messages = MessageBundle.engineMessages();

    public CommandExecutor(CommandRegistry registry, CommandContext context, TransactionRunner transactions, LockManager locks) {
        this.registry = registry;
        this.context = context;
        this.transactions = transactions;
        this.locks = locks;
    }

    @Override
    public ActionReturnValue runAction(ActionType type, ActionParametersBase parameters) {
        ActionReturnValue result = new ActionReturnValue();
        CommandBase<?> command;
        try {
            command = registry.create(type, parameters, context);
        } catch (IllegalArgumentException e) {
            return invalid(result, ValidationResult.failWith(EngineMessage.ACTION_TYPE_FAILED_PARAMETERS_INVALID, "Detail", e.getMessage()), type.name(), "");
        }
        try {
            command.runPrepare();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, type + " failed while preparing", e);
            return failed(result, command, EngineMessage.ACTION_TYPE_FAILED_UNEXPECTED, e.toString());
        }
        Map<String, LockManager.Mode> keys = new HashMap<>();
        command.readLocks().forEach(key -> keys.put(key, LockManager.Mode.SHARED));
        command.locks().forEach(key -> keys.put(key, LockManager.Mode.EXCLUSIVE));
        LockManager.Outcome lock;
        try {
            lock = locks.tryAcquire(keys, LOCK_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lock = new LockManager.Outcome(false, null, null);
        }
        if (!lock.acquired()) {
            ValidationResult refusal = lock.inFlight()
                    ? ValidationResult.failWith(EngineMessage.ACTION_TYPE_FAILED_OBJECT_BUSY, "Operation", lock.busyWith())
                    : ValidationResult.failWith(EngineMessage.ACTION_TYPE_FAILED_OBJECT_LOCKED);
            return invalid(result, refusal, command.verb(), command.typeName());
        }
        RemoteStep remote;
        Set<String> marked = Set.of();
        try {
            if (!validateAndExecute(type, command, result)) {
                return result;
            }
            remote = command.runRemoteStep();
            if (remote != null) {
                // Marked while the locks are still held: no command gets between the commit and the mark.
                marked = locks.markInFlight(remote.inFlight(), remote.what());
                if (marked == null) {
                    throw new IllegalStateException("in flight already: " + remote.inFlight());
                }
            }
        } finally {
            locks.release(keys);
        }
        if (remote != null) {
            try {
                return runRemote(type, command, remote, result);
            } finally {
                locks.clearInFlight(marked);
            }
        }
        return succeeded(type, command, result);
    }

    /** Validates, then executes in a short transaction; false (with the result filled in) when either refused or failed. */
    private boolean validateAndExecute(ActionType type, CommandBase<?> command, ActionReturnValue result) {
        boolean valid;
        try {
            valid = command.runValidate();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, type + " failed while validating", e);
            failed(result, command, EngineMessage.ACTION_TYPE_FAILED_UNEXPECTED, e.toString());
            return false;
        }
        if (!valid) {
            result.setValid(false);
            for (ValidationResult message : command.getValidationMessages()) {
                result.getValidationMessages().add(message);
                result.getMessageTexts().add(render(message, command));
            }
            AuditLogType denied = command.validationFailureType();
            if (denied != null) {
                audit(result, denied, command.getAuditLogable().addCustomValue("Reason", String.join(" ", result.getMessageTexts())));
            }
            return false;
        }
        return inTransaction(type, command, result, () -> command.runExecute());
    }

    /**
     * The network call with no lock and no transaction, then its outcome recorded in a new short one.
     * A failed call is undone by the command (its reservation released) and audited with the reason.
     */
    private ActionReturnValue runRemote(ActionType type, CommandBase<?> command, RemoteStep remote, ActionReturnValue result) {
        EngineException failure = null;
        try {
            remote.call().run();
        } catch (RuntimeException wrapped) {
            RuntimeException e = JtaTransactionRunner.unwrap(wrapped);
            failure = e instanceof EngineException engine ? engine
                    : new EngineException(EngineMessage.ACTION_TYPE_FAILED_UNEXPECTED, e.toString(), e);
            if (!(e instanceof EngineException)) {
                LOG.log(Level.SEVERE, type + " failed unexpectedly in its agent call", e);
            }
        }
        if (failure == null) {
            return inTransaction(type, command, result, remote.onSuccess()) ? succeeded(type, command, result) : result;
        }
        EngineException cause = failure;
        LOG.info(type + " failed: " + cause.getMessage());
        String[] outcome = new String[1];
        if (!inTransaction(type, command, result, () -> outcome[0] = remote.onFailure().apply(cause))) {
            return result; // the failure to record is what the caller and the audit log hear; monitoring reconciles
        }
        return failed(result, command, cause.getEngineMessage(), cause.getMessage(), outcome[0]);
    }

    /** Runs work in a new transaction; false (with the failure recorded and audited) when it threw. */
    private boolean inTransaction(ActionType type, CommandBase<?> command, ActionReturnValue result, Runnable work) {
        try {
            transactions.inNewTransaction(() -> {
                work.run();
                return null;
            });
            return true;
        } catch (RuntimeException wrapped) {
            RuntimeException e = JtaTransactionRunner.unwrap(wrapped);
            if (e instanceof EngineException engine) {
                LOG.info(type + " failed: " + engine.getMessage());
                failed(result, command, engine.getEngineMessage(), engine.getMessage());
            } else if (e instanceof DalException dal && dal.isUniqueViolation()) {
                // validate() found the name or id free, and a concurrent change took it before this one
                // committed (the database's constraint caught it): a conflict to retry, not an engine fault.
                LOG.info(type + " lost a race for a name or id: " + dal.getMessage());
                failed(result, command, EngineMessage.ACTION_TYPE_FAILED_TAKEN_MEANWHILE, "a concurrent change");
            } else {
                LOG.log(Level.SEVERE, type + " failed unexpectedly; rolled back", e);
                failed(result, command, EngineMessage.ACTION_TYPE_FAILED_UNEXPECTED, e.toString());
            }
            return false;
        }
    }

    private ActionReturnValue succeeded(ActionType type, CommandBase<?> command, ActionReturnValue result) {
        result.setSucceeded(true);
        result.setActionReturnValue(command.getReturnValue());
        audit(result, command.successType(), command.getAuditLogable());
        try {
            command.runAfterCommit();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, type + " succeeded, but its follow-up failed", e);
        }
        return result;
    }

    private ActionReturnValue invalid(ActionReturnValue result, ValidationResult message, String verb, String typeName) {
        result.setValid(false);
        result.getValidationMessages().add(message);
        result.getMessageTexts().add(render(message, verb, typeName));
        return result;
    }

    private ActionReturnValue failed(ActionReturnValue result, CommandBase<?> command, EngineMessage message, String detail) {
        return failed(result, command, message, detail, null);
    }

    /** outcome: what the command left after undoing its reservation, said after the reason. */
    private ActionReturnValue failed(ActionReturnValue result, CommandBase<?> command, EngineMessage message, String detail, String outcome) {
        result.setFault(new EngineFault(message, detail));
        Map<String, String> vars = new HashMap<>(command.getAuditLogable().allValues());
        vars.put("Detail", detail);
        vars.put("HostName", String.valueOf(vars.getOrDefault("VdsName", "?")));
        vars.put("action", command.verb());
        vars.put("type", command.typeName());
        String text = messages.format(message.name(), vars);
        if (outcome != null) {
            text = text + (text.endsWith(".") ? " " : ". ") + outcome;
        }
        result.getMessageTexts().add(text);
        audit(result, command.failureType(), command.getAuditLogable().addCustomValue("Reason", text));
        return result;
    }

    private String render(ValidationResult message, CommandBase<?> command) {
        return render(message, command.verb(), command.typeName());
    }

    private String render(ValidationResult message, String verb, String typeName) {
        Map<String, String> vars = new HashMap<>(message.getVariables());
        vars.put("action", verb);
        vars.put("type", typeName);
        return messages.format(message.getMessage().name(), vars);
    }

    /**
     * An audit entry that cannot be written must not undo the action (it has committed); it is retried,
     * and when it still fails the caller is told with a warning on the result as well as the server log,
     * so that a change never goes through with its record silently missing.
     */
    private void audit(ActionReturnValue result, AuditLogType type, AuditLogable logable) {
        if (type == null) {
            return;
        }
        try {
            context.auditLogDirector().logRetrying(type, logable);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "could not write audit entry " + type + " " + logable.allValues(), e);
            result.getWarnings().add("The audit log entry " + type + " of this action could not be written (" + e.getMessage()
                    + "); the server log has it.");
        }
    }
}
