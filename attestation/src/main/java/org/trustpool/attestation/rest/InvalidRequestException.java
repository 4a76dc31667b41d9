package org.trustpool.attestation.rest;

/** A request we refuse with 400 and this message, before anything is changed. */
public final class InvalidRequestException extends Exception {

    public InvalidRequestException(String message) {
        super(message);
    }
}
