package org.trustpool.hostagent;

/** Bad command line; the simulator prints the message plus usage and exits with code 2. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
