package org.trustpool.bll.scheduling;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import org.trustpool.bll.trust.AttestationBroker;
import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.common.errors.ValidationResult;
import org.trustpool.common.utils.TrustWords;

/**
 * Keeps only hosts whose current verdict is TRUSTED when the VM needs trust. Fails closed: no
 * verdict, an expired one, UNKNOWN or TIMEOUT all drop the host. Reads the broker's cache only,
 * so placing a VM never waits on the attestation service.
 */
public class TrustedHostFilter implements PolicyUnit {
    private final AttestationBroker broker;

    public TrustedHostFilter(AttestationBroker broker) {
        this.broker = broker;
    }

    @Override public String name() { return "TrustedHost"; }

    @Override
    public ValidationResult filter(SchedulingRequest request, Vds host) {
        if (!request.requiresTrust()) {
            return VALID;
        }
        HostTrust trust = broker.currentTrust(host.getId());
        return trust.isTrusted() ? VALID
                : failWith(EngineMessage.SCHEDULING_HOST_NOT_TRUSTED, "HostName", host.getName(),
                        "TrustLevel", trust.level().name(), "TrustReason", String.valueOf(trust.reason()),
                        "TrustState", TrustWords.state(trust));
    }
}
