package org.trustpool.bll.trust;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move forward by hand. */
public class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-28T10:00:00Z");

    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
}
