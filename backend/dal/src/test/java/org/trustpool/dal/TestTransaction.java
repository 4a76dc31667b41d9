package org.trustpool.dal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Savepoint;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One database transaction that a test owns and rolls back in {@link #close()}. Its
 * {@link #getDataSource()} hands out the same connection every time, wrapped so that code under
 * test cannot end the transaction: close(), commit() and setAutoCommit() do nothing, the way a
 * JTA datasource behaves inside a container-managed transaction. Not thread-safe, like a test.
 */
public final class TestTransaction implements AutoCloseable {
    private final Connection connection;
    private final Connection shared;
    private final DataSource dataSource;

    TestTransaction(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
        this.shared = share(connection);
        this.dataSource = new SharedConnectionDataSource(shared);
    }

    /** A DataSource for the code under test; every connection is this transaction's. */
    public DataSource getDataSource() {
        return dataSource;
    }

    /** This transaction's connection, for direct SQL in a test (closing it does nothing). */
    public Connection getConnection() {
        return shared;
    }

    /**
     * Runs {@code action} inside a savepoint and, if it throws, rolls back to the savepoint and
     * rethrows. PostgreSQL refuses every statement after an error until the transaction is
     * rolled back, so a test that expects a failure and then goes on needs this.
     */
    public void withSavepoint(Runnable action) {
        Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint();
        } catch (SQLException e) {
            throw new DalException("cannot set a savepoint", e);
        }
        try {
            action.run();
        } catch (RuntimeException | Error e) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw new DalException("cannot release a savepoint", e);
        }
    }

    /** Rolls back everything the test did and closes the connection. */
    @Override
    public void close() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            throw new DalException("cannot roll back the test transaction", e);
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                // Nothing more to undo: the rollback above either happened or already failed.
            }
        }
    }

    private static Connection share(Connection real) {
        return (Connection) Proxy.newProxyInstance(TestTransaction.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close", "commit", "setAutoCommit":
                            return null; // the test, not the code under test, ends the transaction
                        case "rollback":
                            if (method.getParameterCount() == 0) {
                                throw new UnsupportedOperationException(
                                        "code under test must not roll back the test's transaction");
                            }
                            break;
                        case "isClosed":
                            return false;
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        default:
                            break;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Hands out the one shared connection. */
    private static final class SharedConnectionDataSource implements DataSource {
        private final Connection connection;

        SharedConnectionDataSource(Connection connection) {
            this.connection = connection;
        }

        @Override public Connection getConnection() { return connection; }
        @Override public Connection getConnection(String username, String password) { return connection; }
        @Override public PrintWriter getLogWriter() { return null; }
        @Override public void setLogWriter(PrintWriter out) { }
        @Override public void setLoginTimeout(int seconds) { }
        @Override public int getLoginTimeout() { return 0; }
        @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }
        @Override public <T> T unwrap(Class<T> iface) throws SQLException {
            if (iface.isInstance(this)) {
                return iface.cast(this);
            }
            throw new SQLException("not a wrapper for " + iface);
        }
        @Override public boolean isWrapperFor(Class<?> iface) { return iface.isInstance(this); }
    }
}
