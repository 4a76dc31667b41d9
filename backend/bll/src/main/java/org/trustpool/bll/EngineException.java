package org.trustpool.bll;

import org.trustpool.common.errors.EngineMessage;

/**
 * An expected failure while a command runs (the host agent refused, the host vanished): the
 * transaction is rolled back and the caller gets the message with the detail.
 */
public class EngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final EngineMessage engineMessage;

    public EngineException(EngineMessage engineMessage, String detail) {
        super(detail);
        this.engineMessage = engineMessage;
    }

    public EngineException(EngineMessage engineMessage, String detail, Throwable cause) {
        super(detail, cause);
        this.engineMessage = engineMessage;
    }

    public EngineMessage getEngineMessage() { return engineMessage; }
}
