package org.trustpool.attestation.poll;

import org.trustpool.attestation.verify.Evidence;

/** How a host's agent answered a quote challenge. */
public sealed interface AgentAnswer {

    /** A quote to verify. */
    record Answered(Evidence evidence) implements AgentAnswer {
    }

    /** It answered, but not with a usable quote (JSON-RPC error, malformed result): untrusted. */
    record Refused(String check, String reason) implements AgentAnswer {
    }

    /** No answer: not reachable, or not within the deadline: timeout. */
    record Unreachable(String reason) implements AgentAnswer {
    }
}
