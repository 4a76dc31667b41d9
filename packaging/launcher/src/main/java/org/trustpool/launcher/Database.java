package org.trustpool.launcher;

/** The engine's PostgreSQL, embedded or external: how to reach it, and how to let it go. */
interface Database extends AutoCloseable {

    String jdbcUrl();

    String user();

    /** Null when the server does not ask for one (the embedded database trusts local connections). */
    String password();

    /** For the progress line, e.g. "PostgreSQL 17.7 on port 15432". */
    String description();

    @Override
    void close();
}
