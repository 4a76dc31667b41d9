package org.trustpool.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;

import org.infinispan.Cache;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.trustpool.bll.trust.AttestationBroker;
import org.trustpool.bll.trust.InfinispanTrustCache;
import org.trustpool.bll.trust.TrustedHosts;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.VdcOptionParameters;
import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.businessentities.TrustLevel;
import org.trustpool.common.businessentities.Vds;

/**
 * The engine's trust verdicts live in WildFly's Infinispan cache (container trustpool, cache trust, as
 * configure-server.cli makes it) for AttestationTrustValiditySeconds: while valid, a verdict is answered
 * from the cache without asking the service; when the validity ends, Infinispan itself drops the entry,
 * and the next read asks the attestation service again.
 */
@ExtendWith(ArquillianExtension.class)
class TrustCacheExpiryIT {
    private static final int VALIDITY_SECONDS = 3;

    @Deployment
    static EnterpriseArchive deployment() {
        return EngineArchive.with(TrustCacheExpiryIT.class, AttestationStandIn.class);
    }

    @Inject
    EngineFixture engine;
    @Inject
    AttestationBroker broker;
    @Inject
    org.trustpool.dal.VdcOptionDao options;

    /**
     * The very cache the engine's broker uses (EngineProducer looks up the same name). Its values are the
     * verdicts encoded as Strings (TrustCacheValue, so that a replicated cache carries only JDK types); the
     * engine's own InfinispanTrustCache reads them back.
     */
    @Resource(lookup = "java:jboss/infinispan/cache/trustpool/trust")
    Cache<UUID, Object> cache;

    /**
     * Placements read the trusted hosts from a table kept beside the cache (TrustedHosts). A write that reaches
     * the cache by another way than this node's own TrustCache (another node's, replicated) must reach that table
     * at once: WildFly's Infinispan calls the table's listener. Here a second InfinispanTrustCache over the same
     * cache writes; the first hears of it only through the listener (its own full re-read waits a second).
     */
    @Test
    void aWriteFromElsewhereReachesTheTrustedHostsTableAtOnce() {
        UUID host = UUID.randomUUID();
        Instant now = Instant.now();
        long nowNanos = TrustedHosts.nanos(now);
        long oldest = TrustedHosts.nanos(now.minusSeconds(60));
        try (InfinispanTrustCache mine = new InfinispanTrustCache(cache); InfinispanTrustCache elsewhere = new InfinispanTrustCache(cache)) {
            assertFalse(mine.trusted().isTrusted(host, oldest, nowNanos));
            elsewhere.put(new HostTrust(host, TrustLevel.TRUSTED, now, null, now), 60);
            assertTrue(mine.trusted().isTrusted(host, oldest, nowNanos), "created elsewhere: heard through the listener");
            elsewhere.put(new HostTrust(host, TrustLevel.UNTRUSTED, now, "PCR 19 changed", now), 60);
            assertFalse(mine.trusted().isTrusted(host, oldest, nowNanos), "replaced elsewhere by UNTRUSTED: not trusted at once");
            elsewhere.put(new HostTrust(host, TrustLevel.TRUSTED, now, null, now), 60);
            assertTrue(mine.trusted().isTrusted(host, oldest, nowNanos));
            elsewhere.remove(host);
            assertFalse(mine.trusted().isTrusted(host, oldest, nowNanos), "removed elsewhere: not trusted at once");
        }
    }

    @Test
    void aCachedVerdictExpiresWhenItsValidityEnds() throws Exception {
        Path dir = Path.of(System.getProperty("jboss.server.data.dir"), "arquillian-it");
        try (AgentStandIn agent = AgentStandIn.start(EngineFixture.standInPort(3));
             AttestationStandIn service = AttestationStandIn.start(EngineFixture.standInPort(4), dir)) {
            option("AttestationServer", "127.0.0.1");
            option("AttestationPort", String.valueOf(service.port()));
            option("SecureConnectionWithOATServers", "false");
            option("AttestationServiceCertificate", service.certificatePem().toString());
            option("AttestationTrustValiditySeconds", String.valueOf(VALIDITY_SECONDS));
            Vds host = engine.addHostAndWaitUp("arq-trust-host", agent.port());
            assertNull(cache.get(host.getId()), "a host of a plain cluster has no verdict until one is wanted");

            HostTrust fresh = broker.attestNow(host.getId());
            Instant cachedAt = Instant.now();
            assertEquals(TrustLevel.TRUSTED, fresh.level(), "the stand-in's signed verdict: " + fresh);
            assertEquals(1, service.polls());
            assertNotNull(cache.get(host.getId()), "the verdict is in WildFly's Infinispan cache");

            // while valid: answered from the cache, the service is not asked
            assertEquals(TrustLevel.TRUSTED, broker.currentTrust(host.getId()).level());
            assertNotNull(broker.cachedAnswer(host.getId()));
            assertEquals(1, service.polls(), "a current verdict costs no request");

            // the validity ends: Infinispan drops the entry by itself (the broker's own clock check aside)
            EngineFixture.await("the cache entry to expire", Duration.ofSeconds(VALIDITY_SECONDS + 5), () -> cache.get(host.getId()) == null);
            long expiredAfterMillis = Duration.between(cachedAt, Instant.now()).toMillis();
            assertTrue(expiredAfterMillis >= (VALIDITY_SECONDS - 1) * 1000L,
                    "not before its validity ended (" + expiredAfterMillis + " ms)");
            assertNull(broker.cachedAnswer(host.getId()), "no current verdict once it expired");
            assertEquals(1, service.polls());

            // the next read does not trust the old verdict: it is UNKNOWN while the service is asked again
            HostTrust afterExpiry = broker.currentTrust(host.getId());
            assertEquals(TrustLevel.UNKNOWN, afterExpiry.level(), "an expired verdict is not used: " + afterExpiry);
            EngineFixture.await("a new PollHosts request", Duration.ofSeconds(10), () -> service.polls() == 2);
            EngineFixture.await("a fresh verdict in the cache", Duration.ofSeconds(10), () -> cache.get(host.getId()) != null);
            try (InfinispanTrustCache reader = new InfinispanTrustCache(cache)) {
                assertTrue(reader.get(host.getId()).checkedAt().isAfter(fresh.checkedAt()), "the new entry is the new verdict");
            }
        } finally {
            // every option as it was: the other in-container tests share this engine and must not find it
            // pointed at a stand-in that is gone
            // (a value the engine refuses to set back, e.g. an empty server name, stays as the test left it)
            for (java.util.Map.Entry<String, String> previous : before.entrySet()) {
                engine.run(ActionType.UpdateVdcOption, new VdcOptionParameters(previous.getKey(), previous.getValue()));
            }
        }
    }

    /** The values the options had before this test changed them, in the order it changed them. */
    private final java.util.Map<String, String> before = new java.util.LinkedHashMap<>();

    private void option(String name, String value) {
        if (!before.containsKey(name)) {
            org.trustpool.common.businessentities.VdcOption existing = options.get(name);
            before.put(name, existing == null || existing.getOptionValue() == null ? "" : existing.getOptionValue());
        }
        ActionReturnValue result = engine.run(ActionType.UpdateVdcOption, new VdcOptionParameters(name, value));
        assertTrue(result.getSucceeded(), name + "=" + value + ": " + result.getMessageTexts());
    }
}
