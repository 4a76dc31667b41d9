package org.trustpool.bll;

import java.util.function.Supplier;

import jakarta.ejb.ApplicationException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/** The container's transactions (REQUIRES_NEW), so the datasource's connections join them. */
@Stateless
public class JtaTransactionRunner implements TransactionRunner {

    /** Carries the work's exception out of the EJB unwrapped, after the container rolled back. */
    @ApplicationException(rollback = true)
    public static class RolledBack extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RolledBack(RuntimeException cause) {
            super(cause);
        }
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public <T> T inNewTransaction(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw new RolledBack(e);
        }
    }

    /** The work's own exception, whether or not it passed through the container. */
    public static RuntimeException unwrap(RuntimeException e) {
        return e instanceof RolledBack && e.getCause() instanceof RuntimeException cause ? cause : e;
    }
}
