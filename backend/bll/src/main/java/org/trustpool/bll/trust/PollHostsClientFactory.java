package org.trustpool.bll.trust;

import java.util.List;

import org.trustpool.vdsbroker.attestation.AttestationSettings;
import org.trustpool.vdsbroker.attestation.AttestationUnavailableException;
import org.trustpool.vdsbroker.attestation.PollResult;

/** How the broker reaches the service; tests count calls through it. */
public interface PollHostsClientFactory {

    interface PollHostsClient {
        List<PollResult> pollHosts(List<String> hostNames) throws AttestationUnavailableException;
    }

    PollHostsClient create(AttestationSettings settings) throws AttestationUnavailableException;
}
