package org.trustpool.bll;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import org.trustpool.common.businessentities.ConfigValues;
import org.trustpool.common.businessentities.VdcOption;
import org.trustpool.dal.VdcOptionDao;

/**
 * Reads vdc_options, falling back to a default (and saying so in the log) when a value is missing or malformed.
 *
 * <p>The engine's instance ({@link #inMemory}) keeps each option in memory after its first read: scheduling
 * asks for options once per candidate host, and a stored-procedure call each time made a trusted placement over
 * 1,000 hosts cost 1,000 database reads. An administrator's change (UpdateVdcOptionCommand) replaces the value
 * in memory once its transaction has committed, so it applies at once, as before. A change written to the
 * database by other means (SQL by hand, another engine node) moves the configuration's version, which each
 * node's heartbeat reads (ClusterMembership), and is seen after the {@link #reload()} that follows, within one
 * monitoring period.
 * {@link #EngineConfig(VdcOptionDao)} reads through to the database every time (tests that change options
 * under a running component).
 */
public class EngineConfig {
    private static final Logger LOG = Logger.getLogger(EngineConfig.class.getName());

    private final VdcOptionDao dao;
    /** Option name to its stored value (empty: none stored); null when every read goes to the database. */
    private final Map<String, Optional<String>> values;

    public EngineConfig(VdcOptionDao dao) {
        this(dao, false);
    }

    private EngineConfig(VdcOptionDao dao, boolean inMemory) {
        this.dao = dao;
        this.values = inMemory ? new ConcurrentHashMap<>() : null;
    }

    /** The engine's configuration: each option read from the database once, then from memory. */
    public static EngineConfig inMemory(VdcOptionDao dao) {
        return new EngineConfig(dao, true);
    }

    /** An administrator changed this option (its transaction committed): later reads see the new value. */
    public void changed(String name, String value) {
        if (values != null) {
            values.put(name, Optional.ofNullable(value));
        }
    }

    /** Forgets what memory holds, so every option is read again from the database on its next use. */
    public void reload() {
        if (values != null) {
            values.clear();
        }
    }

    public int getInt(ConfigValues option, int defaultValue) {
        return getInt(option.name(), defaultValue);
    }

    public String getString(ConfigValues option, String defaultValue) {
        return getString(option.name(), defaultValue);
    }

    public boolean getBoolean(ConfigValues option, boolean defaultValue) {
        return Boolean.parseBoolean(getString(option.name(), String.valueOf(defaultValue)));
    }

    public int getInt(String name, int defaultValue) {
        String value = value(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            LOG.warning("vdc_options " + name + "='" + value + "' is not a number; using " + defaultValue);
            return defaultValue;
        }
    }

    public String getString(String name, String defaultValue) {
        String value = value(name);
        return value == null ? defaultValue : value;
    }

    private String value(String name) {
        if (values == null) {
            return stored(name);
        }
        Optional<String> known = values.get(name);
        if (known == null) {
            // Two threads may both read a missing option once; both store the same database value.
            known = Optional.ofNullable(stored(name));
            values.putIfAbsent(name, known);
        }
        return known.orElse(null);
    }

    private String stored(String name) {
        VdcOption option = dao.get(name);
        return option == null ? null : option.getOptionValue();
    }
}
