package org.trustpool.launcher;

/**
 * A start-up step failed for a reason the user can act on. The message is the one line shown
 * (no stack trace unless --verbose); the cause, if any, is kept for --verbose.
 */
public final class LaunchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean interrupted;

    public LaunchException(String message) {
        this(message, null, false);
    }

    public LaunchException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private LaunchException(String message, Throwable cause, boolean interrupted) {
        super(message, cause);
        this.interrupted = interrupted;
    }

    /** The start was cut short by Ctrl-C / SIGTERM: not an error to report. */
    static LaunchException interrupted() {
        return new LaunchException("start interrupted: shutting down", null, true);
    }

    public boolean isInterrupted() {
        return interrupted;
    }
}
