package org.minhu.common.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** China Standard Time: the zone of deadlines, tracking-number dates and every time the APIs show. */
public final class ChinaTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ChinaTime() {
    }

    /** {@code t} with a +08:00 offset, or null. */
    public static OffsetDateTime of(Instant t) {
        return t == null ? null : t.atZone(ZONE).toOffsetDateTime();
    }

    /** The first instant of China date {@code day}, with a +08:00 offset. */
    public static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay(ZONE).toOffsetDateTime();
    }

    /**
     * Whether an instant a caller sent back (a page cursor) lies in the years any record of the platform
     * can have: outside them PostgreSQL refuses the value, which would be a 500 instead of a 400.
     */
    public static boolean plausible(Instant t) {
        return !t.isBefore(EARLIEST) && t.isBefore(LATEST);
    }

    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9000-01-01T00:00:00Z");
}
