package org.trustpool.common.action;

import java.util.ArrayList;
import java.util.List;

import org.trustpool.common.errors.EngineFault;
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
}
