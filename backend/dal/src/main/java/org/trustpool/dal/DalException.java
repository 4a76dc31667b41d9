package org.trustpool.dal;

import java.sql.SQLException;

/**
 * A database call failed. Unchecked so that callers (commands in the bll) need not declare it;
 * the SQLException is kept as the cause, and its SQLState is exposed so that a caller can
 * tell a constraint violation from an outage without unwrapping.
 */
public class DalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** PostgreSQL's SQLState for unique_violation. */
    public static final String UNIQUE_VIOLATION = "23505";
    /** PostgreSQL's SQLState for foreign_key_violation. */
    public static final String FOREIGN_KEY_VIOLATION = "23503";

    public DalException(String message, Throwable cause) {
        super(message, cause);
    }

    public DalException(String message) {
        super(message);
    }

    /** The SQLState of the underlying SQLException, or null if there is none. */
    public String getSqlState() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException e && e.getSQLState() != null) {
                return e.getSQLState();
            }
        }
        return null;
    }

    /** True when the call broke a unique constraint (e.g. a duplicate name). */
    public boolean isUniqueViolation() {
        return UNIQUE_VIOLATION.equals(getSqlState());
    }

    /** True when the call broke a foreign key (e.g. removing a cluster that still has hosts). */
    public boolean isForeignKeyViolation() {
        return FOREIGN_KEY_VIOLATION.equals(getSqlState());
    }
}
