package org.trustpool.bll.trust;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.businessentities.TrustLevel;

/**
 * A verdict as the trust cache holds it: one String. On several engine nodes the cache is replicated, so its
 * values cross the wire through the marshaller of a container WildFly defines, which cannot be relied on to
 * load our deployment's classes (HostTrust); a String it always can. One format for the local cache too, so
 * both profiles run the same code.
 * <p>
 * Format: a version, then each field as {@code <length>:<chars>}, or {@code -} for null, with no separators
 * (lengths, not delimiters: a reason may hold any character). Fields: level name, verifiedAt, reason,
 * checkedAt, ekFingerprint, until; instants in ISO-8601 (Instant.toString), which round-trips to the nanosecond.
 * The host id is the cache key and is not repeated. {@code until} is when the entry's lifespan ends at the latest
 * as its writer set it (checkedAt + lifespan; the cache counts the lifespan from the put, a little later): what
 * reads the value without asking the cache about the entry ({@link TrustedIndex}) stops trusting it then.
 * Version 2 added it; a version-1 value is no verdict (the host is attested again).
 */
final class TrustCacheValue {

    static final String VERSION = "2";

    /** A decoded value: the verdict, and the instant from which the cache may no longer hold it. */
    record Entry(HostTrust trust, Instant until) {
    }

    private TrustCacheValue() {
    }

    /** @param lifespanSeconds how long the cache keeps the entry (at least one second: never "for ever") */
    static String encode(HostTrust trust, long lifespanSeconds) {
        StringBuilder sb = new StringBuilder(VERSION);
        field(sb, trust.level() == null ? null : trust.level().name());
        field(sb, trust.verifiedAt() == null ? null : trust.verifiedAt().toString());
        field(sb, trust.reason());
        field(sb, trust.checkedAt() == null ? null : trust.checkedAt().toString());
        field(sb, trust.ekFingerprint());
        field(sb, trust.checkedAt() == null ? null : trust.checkedAt().plusSeconds(lifespan(lifespanSeconds)).toString());
        return sb.toString();
    }

    /** The lifespan a cache gives an entry: never none, which a cache reads as "for ever". */
    static long lifespan(long seconds) {
        return Math.max(1, seconds);
    }

    /**
     * @return the verdict, or null when the value is not one this version wrote (another format, a damaged
     *         entry): the caller then has no verdict and asks the attestation service again, which fails
     *         closed (no verdict is never TRUSTED), where a guess could make a host trusted
     */
    static Entry decode(UUID vdsId, Object value) {
        if (!(value instanceof String text) || !text.startsWith(VERSION)) {
            return null;
        }
        List<String> fields = new ArrayList<>(6);
        int at = VERSION.length();
        try {
            while (at < text.length()) {
                if (text.charAt(at) == '-') {
                    fields.add(null);
                    at++;
                    continue;
                }
                int colon = text.indexOf(':', at);
                if (colon < 0) {
                    return null;
                }
                int length = Integer.parseInt(text, at, colon, 10);
                int end = colon + 1 + length;
                if (length < 0 || end > text.length()) {
                    return null;
                }
                fields.add(text.substring(colon + 1, end));
                at = end;
            }
            // a verdict has a level and a check time; an entry without an end would be trusted for ever
            if (fields.size() != 6 || fields.get(0) == null || fields.get(3) == null || fields.get(5) == null) {
                return null;
            }
            return new Entry(new HostTrust(vdsId, TrustLevel.valueOf(fields.get(0)), instant(fields.get(1)), fields.get(2),
                    instant(fields.get(3)), fields.get(4)), instant(fields.get(5)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // a bad length (NumberFormatException is one), an unknown level name (TrustLevel.valueOf), a bad instant
            return null;
        }
    }

    private static void field(StringBuilder sb, String value) {
        if (value == null) {
            sb.append('-');
        } else {
            sb.append(value.length()).append(':').append(value);
        }
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
