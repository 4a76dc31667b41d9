package org.trustpool.bll.ovf;

/** An OVF document could not be written or read; the message says what is wrong and is fit for an administrator. */
public class OvfException extends Exception {
    private static final long serialVersionUID = 1L;

    public OvfException(String message) {
        super(message);
    }

    public OvfException(String message, Throwable cause) {
        super(message, cause);
    }
}
