package org.trustpool.common.businessentities;

/** One configuration value (table vdc_options). */
public class VdcOption {
    private String optionName;
    private String optionValue;
    private String version = "general";

    public VdcOption() {
    }

    public VdcOption(String optionName, String optionValue) {
        this.optionName = optionName;
        this.optionValue = optionValue;
    }

    public String getOptionName() { return optionName; }
    public void setOptionName(String optionName) { this.optionName = optionName; }
    public String getOptionValue() { return optionValue; }
    public void setOptionValue(String optionValue) { this.optionValue = optionValue; }
    public String getVersion() { return version; }
    public void setVersion(String version) { this.version = version; }
}
