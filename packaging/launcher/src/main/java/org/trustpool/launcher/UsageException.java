package org.trustpool.launcher;

/** A mistake on the command line: the message says which, the exit code is 2. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
