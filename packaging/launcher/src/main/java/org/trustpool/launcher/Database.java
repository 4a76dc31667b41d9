package org.trustpool.launcher;

/** The engine's PostgreSQL, embedded or external: how to reach it, and how to let it go. */
interface Database extends AutoCloseable {

    String jdbcUrl();

    String user();

    /** The engine's password; null when the server does not ask for one. */
    String password();

    /**
     * The attestation service's own role: it owns the {@code attestation} schema, which the
     * engine's role cannot write, and cannot write the engine's tables.
     */
    String attestationUser();

    /** Null when the server does not ask for one. */
    String attestationPassword();

    /** For the progress line, e.g. "PostgreSQL 17.7 on port 15432". */
    String description();

    @Override
    void close();
}
