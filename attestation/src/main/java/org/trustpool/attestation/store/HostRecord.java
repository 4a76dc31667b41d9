package org.trustpool.attestation.store;

import org.trustpool.attestation.poll.Verdict;

/** A registered host and its last verdict (null before its first poll). */
public record HostRecord(RegisteredHost host, Verdict lastVerdict) {
}
