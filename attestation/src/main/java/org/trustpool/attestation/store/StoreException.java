package org.trustpool.attestation.store;

/** The database failed us; the REST layer answers 503 with this message (never the SQL). */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
