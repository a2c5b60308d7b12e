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
}
