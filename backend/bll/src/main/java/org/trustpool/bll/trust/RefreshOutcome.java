package org.trustpool.bll.trust;

import java.util.Map;
import java.util.UUID;

import org.trustpool.common.businessentities.HostTrust;

/** What one refresh learnt: a verdict per host asked about, and whether the service could be asked at all. */
public record RefreshOutcome(Map<UUID, HostTrust> verdicts, boolean serviceAvailable, String failure) {
}
