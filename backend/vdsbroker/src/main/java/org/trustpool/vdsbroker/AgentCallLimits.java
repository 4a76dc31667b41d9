package org.trustpool.vdsbroker;

import java.time.Duration;

/**
 * What one agent call may cost the engine: the whole exchange (connecting, sending, headers and
 * body) ends by {@code deadline}, and an answer longer than {@code maxAnswerBytes} is refused
 * once that many bytes have arrived, never buffered whole.
 */
public record AgentCallLimits(Duration connectTimeout, Duration deadline, int maxAnswerBytes) {
    /** An agent answer larger than this is not a plausible reply (a VM list of thousands of VMs is far smaller). */
    public static final int DEFAULT_MAX_ANSWER_BYTES = 4 * 1024 * 1024;

    public AgentCallLimits {
        if (connectTimeout.isNegative() || connectTimeout.isZero() || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("agent timeouts must be positive");
        }
        if (maxAnswerBytes < 1024) {
            throw new IllegalArgumentException("an agent answer limit below 1 KiB cannot hold a VM list");
        }
    }
}
