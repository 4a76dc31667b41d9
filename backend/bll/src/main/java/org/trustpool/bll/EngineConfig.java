package org.trustpool.bll;

import java.util.logging.Logger;

import org.trustpool.common.businessentities.VdcOption;
import org.trustpool.dal.VdcOptionDao;

/** Reads vdc_options, falling back to a default (and saying so in the log) when a value is missing or malformed. */
public class EngineConfig {
    private static final Logger LOG = Logger.getLogger(EngineConfig.class.getName());

    private final VdcOptionDao dao;

    public EngineConfig(VdcOptionDao dao) {
        this.dao = dao;
    }

    public int getInt(String name, int defaultValue) {
        VdcOption option = dao.get(name);
        if (option == null || option.getOptionValue() == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(option.getOptionValue().trim());
        } catch (NumberFormatException e) {
            LOG.warning("vdc_options " + name + "='" + option.getOptionValue() + "' is not a number; using " + defaultValue);
            return defaultValue;
        }
    }

    public String getString(String name, String defaultValue) {
        VdcOption option = dao.get(name);
        return option == null || option.getOptionValue() == null ? defaultValue : option.getOptionValue();
    }
}
