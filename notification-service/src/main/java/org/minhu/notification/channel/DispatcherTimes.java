package org.minhu.notification.channel;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/** A timestamptz column of a native query as an Instant, whichever Java type the driver gave. */
public final class DispatcherTimes {

    private DispatcherTimes() {
    }

    public static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + value);
    }
}
