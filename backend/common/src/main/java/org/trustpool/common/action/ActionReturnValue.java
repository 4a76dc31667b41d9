package org.trustpool.common.action;

import java.util.ArrayList;
import java.util.List;

import org.trustpool.common.errors.EngineFault;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;

/**
 * What Backend.runAction answers: success (with the command's return value, e.g. a new id), the
 * validation failures (nothing was changed), or an execution failure (rolled back).
 */
public class ActionReturnValue {
    private boolean valid = true;
    private boolean succeeded;
    private Object actionReturnValue;
    private final List<ValidationResult> validationMessages = new ArrayList<>();
    private EngineFault fault;
    /** The validation messages and fault in words (rendered by the engine from the bundles). */
    private final List<String> messageTexts = new ArrayList<>();
    /**
     * What the caller must know about an action that otherwise went as reported, e.g. a committed change
     * whose audit entry could not be written: never only in the server's log.
     */
    private final List<String> warnings = new ArrayList<>();

    public boolean isValid() { return valid; }
    public void setValid(boolean valid) { this.valid = valid; }
    public boolean getSucceeded() { return succeeded; }
    public void setSucceeded(boolean succeeded) { this.succeeded = succeeded; }
    @SuppressWarnings("unchecked")
    public <T> T getActionReturnValue() { return (T) actionReturnValue; }
    public void setActionReturnValue(Object value) { this.actionReturnValue = value; }
    public List<ValidationResult> getValidationMessages() { return validationMessages; }
    public EngineFault getFault() { return fault; }
    public void setFault(EngineFault fault) { this.fault = fault; }
    public List<String> getMessageTexts() { return messageTexts; }
    public List<String> getWarnings() { return warnings; }

    /** The first failure's kind: what status an API answers with. Null when the action succeeded. */
    public EngineMessage.Kind getFailureKind() {
        if (!validationMessages.isEmpty()) {
            return validationMessages.get(0).getMessage().getKind();
        }
        return fault != null ? fault.message().getKind() : null;
    }
}
