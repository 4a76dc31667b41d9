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
 * The command life cycle: lock, validate, execute in a transaction, audit. Nothing a command
 * does escapes as an exception: the caller always gets an ActionReturnValue.
 */
public class CommandExecutor implements ActionRunner {
    private static final Logger LOG = Logger.getLogger(CommandExecutor.class.getName());
    private static final long LOCK_WAIT_MILLIS = 15_000;

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
        Set<String> keys = command.locks();
        try {
            if (!locks.tryAcquire(keys, LOCK_WAIT_MILLIS)) {
                return invalid(result, ValidationResult.failWith(EngineMessage.ACTION_TYPE_FAILED_OBJECT_LOCKED), command.verb(), command.typeName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return invalid(result, ValidationResult.failWith(EngineMessage.ACTION_TYPE_FAILED_OBJECT_LOCKED), command.verb(), command.typeName());
        }
        try {
            return run(type, command, result);
        } finally {
            locks.release(keys);
        }
    }

    private ActionReturnValue run(ActionType type, CommandBase<?> command, ActionReturnValue result) {
        boolean valid;
        try {
            valid = command.runValidate();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, type + " failed while validating", e);
            return failed(result, command, EngineMessage.ACTION_TYPE_FAILED_UNEXPECTED, e.toString());
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
            return result;
        }
        try {
            transactions.inNewTransaction(() -> {
                command.runExecute();
                return null;
            });
        } catch (RuntimeException wrapped) {
            RuntimeException e = JtaTransactionRunner.unwrap(wrapped);
            if (e instanceof EngineException engine) {
                LOG.info(type + " failed: " + engine.getMessage());
                return failed(result, command, engine.getEngineMessage(), engine.getMessage());
            }
            if (e instanceof DalException dal && dal.isUniqueViolation()) {
                // validate() found the name or id free, and a concurrent change took it before this one
                // committed (the database's constraint caught it): a conflict to retry, not an engine fault.
                LOG.info(type + " lost a race for a name or id: " + dal.getMessage());
                return failed(result, command, EngineMessage.ACTION_TYPE_FAILED_TAKEN_MEANWHILE, "a concurrent change");
            }
            LOG.log(Level.SEVERE, type + " failed unexpectedly; rolled back", e);
            return failed(result, command, EngineMessage.ACTION_TYPE_FAILED_UNEXPECTED, e.toString());
        }
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
        result.setFault(new EngineFault(message, detail));
        Map<String, String> vars = new HashMap<>(command.getAuditLogable().allValues());
        vars.put("Detail", detail);
        vars.put("HostName", String.valueOf(vars.getOrDefault("VdsName", "?")));
        vars.put("action", command.verb());
        vars.put("type", command.typeName());
        String text = messages.format(message.name(), vars);
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
