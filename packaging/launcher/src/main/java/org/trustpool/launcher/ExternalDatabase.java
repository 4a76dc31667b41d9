package org.trustpool.launcher;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** A PostgreSQL someone else runs (--db-url): we only check that it answers, and never stop it. */
final class ExternalDatabase implements Database {

    private final String url;
    private final String user;
    private final String password;
    private final String version;
    private final String attestationUser;
    private final String attestationPassword;

    private ExternalDatabase(String url, String user, String password, String version, String attestationUser,
                             String attestationPassword) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.version = version;
        this.attestationUser = attestationUser;
        this.attestationPassword = attestationPassword;
    }

    /** Checks both roles can log in, so a wrong service password is said now, not in a failed deployment. */
    static ExternalDatabase connect(String url, String user, String password, String attestationUser,
                                    String attestationPassword) {
        String version;
        String engineUser;
        try (Connection c = DriverManager.getConnection(url, properties(user, password))) {
            DatabaseMetaData meta = c.getMetaData();
            engineUser = user != null ? user : meta.getUserName();
            version = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new LaunchException("cannot connect to " + url + ": " + Sql.reason(e), e);
        }
        try (Connection c = DriverManager.getConnection(url, properties(attestationUser, attestationPassword))) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new LaunchException("cannot connect to " + url + " as the attestation service's role " + attestationUser + ": "
                    + Sql.reason(e), e);
        }
        return new ExternalDatabase(url, engineUser, password, version, attestationUser, attestationPassword);
    }

    static Properties properties(String user, String password) {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("connectTimeout", "10");
        return p;
    }

    @Override
    public String jdbcUrl() {
        return url;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public String attestationUser() {
        return attestationUser;
    }

    @Override
    public String attestationPassword() {
        return attestationPassword;
    }

    @Override
    public String description() {
        return version + " at " + url;
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
