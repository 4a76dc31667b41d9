package org.trustpool.attestation.poll;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.trustpool.attestation.verify.Challenge;

/** Sends a Host.getQuote challenge to an agent; never completes exceptionally (failures are answers). */
public interface AgentClient {

    CompletableFuture<AgentAnswer> getQuote(URI agentUrl, Challenge challenge, Duration timeout);
}
