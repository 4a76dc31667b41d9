package org.trustpool.restapi.types;

import java.util.Locale;

import org.trustpool.api.model.Trust;
import org.trustpool.common.businessentities.HostTrust;

/** A host's attestation verdict -> {@code <trust>}. Read-only: verdicts come from the attestation service only. */
public final class TrustMapper {

    private TrustMapper() {
    }

    public static Trust map(HostTrust trust) {
        if (trust == null) {
            return null;
        }
        Trust model = new Trust();
        model.setLevel(trust.level().name().toLowerCase(Locale.ROOT));
        model.setVerifiedAt(Mappers.toXml(trust.verifiedAt()));
        model.setCheckedAt(Mappers.toXml(trust.checkedAt()));
        model.setReason(trust.reason());
        model.setEkFingerprint(trust.ekFingerprint());
        return model;
    }
}
