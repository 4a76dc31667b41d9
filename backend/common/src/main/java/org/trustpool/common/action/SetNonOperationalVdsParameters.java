package org.trustpool.common.action;

import java.util.Map;
import java.util.UUID;

import org.trustpool.common.businessentities.NonOperationalReason;

/** Take a host out of service, with the reason and its evidence for the audit log. */
public class SetNonOperationalVdsParameters extends IdParameters {
    private static final long serialVersionUID = 1L;
    private final NonOperationalReason reason;
    private final Map<String, String> customValues;

    public SetNonOperationalVdsParameters(UUID vdsId, NonOperationalReason reason, Map<String, String> customValues) {
        super(vdsId);
        this.reason = reason;
        this.customValues = Map.copyOf(customValues);
    }

    public NonOperationalReason getReason() { return reason; }
    public Map<String, String> getCustomValues() { return customValues; }
}
