package org.trustpool.dal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.trustpool.common.businessentities.VdcOption;

/** Configuration values (table vdc_options). */
public class VdcOptionDao {
    /** The version whose values apply to every compatibility version. */
    public static final String GENERAL_VERSION = "general";

    private final StoredProcedureCaller caller;

    public VdcOptionDao(DataSource dataSource) {
        this.caller = new StoredProcedureCaller(dataSource);
    }

    /** The option's 'general' value, or null if there is none. */
    public VdcOption get(String name) {
        return get(name, GENERAL_VERSION);
    }

    /** The option's value for one compatibility version (null version means 'general'). */
    public VdcOption get(String name, String version) {
        return caller.executeRead("GetVdcOptionByName", VdcOptionDao::map, name, version);
    }

    public List<VdcOption> getAll() {
        return caller.executeReadList("GetAllFromVdcOption", VdcOptionDao::map);
    }

    public void save(VdcOption option) {
        caller.executeModification("InsertVdcOption", option.getOptionName(), option.getOptionValue(),
                option.getVersion());
    }

    /** Sets the value of the option identified by its name and version. */
    public void update(VdcOption option) {
        caller.executeModification("UpdateVdcOption", option.getOptionName(), option.getOptionValue(),
                option.getVersion());
    }

    static VdcOption map(ResultSet rs) throws SQLException {
        VdcOption option = new VdcOption(rs.getString("option_name"), rs.getString("option_value"));
        option.setVersion(rs.getString("version"));
        return option;
    }
}
