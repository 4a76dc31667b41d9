package org.trustpool.bll.scheduling;

import static org.trustpool.common.errors.ValidationResult.VALID;
import static org.trustpool.common.errors.ValidationResult.failWith;

import java.util.Objects;

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
        return forRequest(request).filter(request, host);
    }

    /** The verdicts as of the placement's start (AttestationBroker.trustNow); every host kept when the VM needs no trust. */
    @Override
    public PolicyUnit forRequest(SchedulingRequest request) {
        if (!request.requiresTrust()) {
            return keepAll;
        }
        // never null: a broker that gave none would otherwise read as "no trust needed"
        return new Bound(Objects.requireNonNull(broker.trustNow(), "the broker's verdicts"));
    }

    private final PolicyUnit keepAll = new PolicyUnit() {
        @Override
        public String name() {
            return TrustedHostFilter.this.name();
        }

        @Override
        public ValidationResult filter(SchedulingRequest request, Vds host) {
            return VALID;
        }
    };

    private final class Bound implements PolicyUnit {
        private final AttestationBroker.TrustNow trustNow;

        Bound(AttestationBroker.TrustNow trustNow) {
            this.trustNow = trustNow;
        }

        @Override
        public String name() {
            return TrustedHostFilter.this.name();
        }

        @Override
        public ValidationResult filter(SchedulingRequest request, Vds host) {
            if (trustNow.surelyTrusted(host.getId())) {
                return VALID;
            }
            HostTrust trust = trustNow.currentTrust(host.getId());
            return trust.isTrusted() ? VALID
                    : failWith(EngineMessage.SCHEDULING_HOST_NOT_TRUSTED, "HostName", host.getName(),
                            "TrustLevel", trust.level().name(), "TrustReason", String.valueOf(trust.reason()),
                            "TrustState", TrustWords.state(trust));
        }
    }
}
