package org.trustpool.common.action;

/** Change one vdc_options value. */
public class VdcOptionParameters extends ActionParametersBase {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final String value;

    public VdcOptionParameters(String name, String value) {
        this.name = name;
        this.value = value;
    }

    public String getName() { return name; }
    public String getValue() { return value; }
}
