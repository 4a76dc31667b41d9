package org.trustpool.common.action;

import java.io.Serializable;

/** What every command is told: who asks, and a correlation id that ties its audit entries together. */
public class ActionParametersBase implements Serializable {
    private static final long serialVersionUID = 1L;

    private String userName = "internal";
    private String correlationId;

    public String getUserName() { return userName; }
    public void setUserName(String userName) { this.userName = userName; }
    public String getCorrelationId() { return correlationId; }
    public void setCorrelationId(String correlationId) { this.correlationId = correlationId; }
}
