package org.trustpool.bll.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.infinispan.Cache;
import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.businessentities.TrustLevel;

/** What crosses the wire between engine nodes: JDK types only, decoded to the same verdict on the other side. */
class InfinispanTrustCacheTest {

    private static final UUID HOST = UUID.fromString("6f1f1a4e-2c1b-4d7e-9a55-0c8d2b7e1f00");
    private static final Instant VERIFIED = Instant.parse("2026-12-02T10:15:30.123456789Z");
    private static final Instant CHECKED = Instant.parse("2026-12-02T10:15:31Z");

    @Test
    void everyFieldRoundTripsThroughTheEncodedValue() {
        HostTrust full = new HostTrust(HOST, TrustLevel.UNTRUSTED, VERIFIED, "PCR 18 mismatch: 3:4:-x \u00e9 \n second line",
                CHECKED, "ab".repeat(32));
        assertEquals(full, TrustCacheValue.decode(HOST, TrustCacheValue.encode(full, 60)).trust());
        HostTrust sparse = new HostTrust(HOST, TrustLevel.TIMEOUT, null, null, CHECKED, null);
        assertEquals(sparse, TrustCacheValue.decode(HOST, TrustCacheValue.encode(sparse, 60)).trust());
        HostTrust emptyReason = new HostTrust(HOST, TrustLevel.TRUSTED, VERIFIED, "", CHECKED, "");
        assertEquals(emptyReason, TrustCacheValue.decode(HOST, TrustCacheValue.encode(emptyReason, 60)).trust(),
                "an empty reason stays empty, not null");
        for (TrustLevel level : TrustLevel.values()) {
            HostTrust t = new HostTrust(HOST, level, VERIFIED, "r", CHECKED);
            assertEquals(level, TrustCacheValue.decode(HOST, TrustCacheValue.encode(t, 60)).trust().level());
        }
    }

    @Test
    void theStoredValueIsAStringThatSurvivesJavaSerialization() throws Exception {
        Map<UUID, Object> store = new HashMap<>();
        InfinispanTrustCache cache = new InfinispanTrustCache(mapBacked(store));
        HostTrust verdict = new HostTrust(HOST, TrustLevel.TRUSTED, VERIFIED, null, CHECKED, "cd".repeat(32));
        cache.put(verdict, 60);

        Object stored = store.get(HOST);
        assertInstanceOf(String.class, stored, "only JDK types go into the (replicated) cache");
        // what another node receives: the value serialized and read back, with no deployment class involved
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(stored);
        }
        Object received;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            received = in.readObject();
        }
        store.put(HOST, received);
        assertEquals(verdict, cache.get(HOST));
    }

    @Test
    void putKeepsTheValidityAsTheEntrysLifespanAndRemoveDrops() {
        @SuppressWarnings("unchecked")
        Cache<UUID, Object> infinispan = mock(Cache.class);
        InfinispanTrustCache cache = new InfinispanTrustCache(infinispan);
        HostTrust verdict = new HostTrust(HOST, TrustLevel.TRUSTED, VERIFIED, null, CHECKED);
        cache.put(verdict, 45);
        verify(infinispan).put(eq(HOST), eq(TrustCacheValue.encode(verdict, 45)), eq(45L), eq(TimeUnit.SECONDS));
        cache.put(verdict, 0);
        verify(infinispan).put(eq(HOST), any(), eq(1L), eq(TimeUnit.SECONDS)); // never "no lifespan"
        cache.remove(HOST);
        verify(infinispan).remove(HOST);
    }

    /**
     * Reads reuse the verdict decoded last while the cache holds the same String; anything else the cache holds
     * now (another verdict from another node, nothing, a damaged value) is what the read returns.
     */
    @Test
    void aReadIsAlwaysWhatTheCacheHoldsNowEvenWhenTheDecodingIsReused() {
        Map<UUID, Object> store = new HashMap<>();
        InfinispanTrustCache cache = new InfinispanTrustCache(mapBacked(store));
        HostTrust trusted = new HostTrust(HOST, TrustLevel.TRUSTED, VERIFIED, null, CHECKED);
        cache.put(trusted, 60);
        HostTrust first = cache.get(HOST);
        assertEquals(trusted, first);
        assertSame(first, cache.get(HOST), "the same String: decoded once");
        store.put(HOST, new String(TrustCacheValue.encode(trusted, 60))); // an equal String, as another node's put arrives
        assertSame(first, cache.get(HOST));
        HostTrust untrusted = new HostTrust(HOST, TrustLevel.UNTRUSTED, VERIFIED, "PCR 19 changed", CHECKED.plusSeconds(5));
        store.put(HOST, TrustCacheValue.encode(untrusted, 60)); // another node's newer verdict, replicated
        assertEquals(untrusted, cache.get(HOST));
        store.remove(HOST); // expired
        assertNull(cache.get(HOST));
        store.put(HOST, TrustCacheValue.encode(trusted, 60));
        assertEquals(trusted, cache.get(HOST));
        store.put(HOST, TrustCacheValue.encode(trusted, 60).replace("TRUSTED", "TRUSTEE")); // damaged
        assertNull(cache.get(HOST), "a damaged value is no verdict, whatever was decoded before");
        store.put(HOST, TrustCacheValue.encode(trusted, 60));
        cache.remove(HOST);
        store.put(HOST, TrustCacheValue.encode(untrusted, 60));
        assertEquals(TrustLevel.UNTRUSTED, cache.get(HOST).level());
    }

    @Test
    void anUnreadableValueIsNoVerdictNeverAGuess() {
        assertNull(TrustCacheValue.decode(HOST, null));
        // a value of another format (an older engine's HostTrust object) or a damaged one: asked again
        assertNull(TrustCacheValue.decode(HOST, new HostTrust(HOST, TrustLevel.TRUSTED, VERIFIED, null, CHECKED)));
        String good = TrustCacheValue.encode(new HostTrust(HOST, TrustLevel.TRUSTED, VERIFIED, "ok", CHECKED), 60);
        assertNull(TrustCacheValue.decode(HOST, good.substring(0, good.length() - 3)), "truncated");
        assertNull(TrustCacheValue.decode(HOST, good.replace("TRUSTED", "TRUSTEE")), "unknown level");
        assertNull(TrustCacheValue.decode(HOST, "1" + good.substring(1)), "another version");
        assertNull(TrustCacheValue.decode(HOST, "2x:abc"), "bad length");
        assertNull(TrustCacheValue.decode(HOST, good + "-"), "a field too many");
        assertNull(TrustCacheValue.decode(HOST, "27:TRUSTED3:bad-20:2026-12-02T10:15:31Z-20:2026-12-02T10:16:31Z"), "bad instant");
        assertNull(TrustCacheValue.decode(HOST, "27:TRUSTED-2:ok20:2026-12-02T10:15:31Z--"), "no end: it would be trusted for ever");
        assertNull(TrustCacheValue.decode(HOST, "27:TRUSTED-2:ok--20:2026-12-02T10:16:31Z"), "no check time");
        TrustCacheValue.Entry entry = TrustCacheValue.decode(HOST, "27:TRUSTED-2:ok20:2026-12-02T10:15:31Z-20:2026-12-02T10:16:31Z");
        assertEquals(TrustLevel.TRUSTED, entry.trust().level(),
                "the same shape with good values decodes (so the lines above fail for what they name only)");
        assertEquals(Instant.parse("2026-12-02T10:16:31Z"), entry.until());
    }

    /** The entry's end, which the trusted-hosts table honours without asking the cache: its check time plus the lifespan. */
    @Test
    void theValueSaysWhenItsEntryEndsAtTheLatest() {
        HostTrust verdict = new HostTrust(HOST, TrustLevel.TRUSTED, VERIFIED, null, CHECKED);
        assertEquals(CHECKED.plusSeconds(45), TrustCacheValue.decode(HOST, TrustCacheValue.encode(verdict, 45)).until());
        assertEquals(CHECKED.plusSeconds(1), TrustCacheValue.decode(HOST, TrustCacheValue.encode(verdict, 0)).until(),
                "never no lifespan, as the cache is given");
    }

    @SuppressWarnings("unchecked")
    private static Cache<UUID, Object> mapBacked(Map<UUID, Object> store) {
        Cache<UUID, Object> cache = mock(Cache.class);
        when(cache.get(any())).thenAnswer(inv -> store.get(inv.getArgument(0)));
        doAnswer(inv -> store.put(inv.getArgument(0), inv.getArgument(1)))
                .when(cache).put(any(), any(), anyLong(), any(TimeUnit.class));
        doAnswer(inv -> store.remove(inv.getArgument(0))).when(cache).remove(any());
        return cache;
    }
}
