package org.trustpool.dal;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Turns the current row of a result set into an entity; must not move the cursor. */
@FunctionalInterface
public interface RowMapper<T> {
    T mapRow(ResultSet rs) throws SQLException;
}
