package org.trustpool.bll;

import java.util.function.Supplier;

/** Runs work in a transaction of its own: committed when it returns, rolled back when it throws. */
public interface TransactionRunner {
    <T> T inNewTransaction(Supplier<T> work);
}
