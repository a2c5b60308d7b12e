package org.minhu.notification.channel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;

import org.minhu.common.time.ChinaTime;

/** A recipient's quiet hours, in China time: from {@code start} to {@code end}, across midnight when end ≤ start. */
public final class QuietHours {

    private QuietHours() {
    }

    /** When the quiet hours that {@code now} falls in end, or null when {@code now} is outside them (or start = end: none). */
    public static Instant endIfWithin(Instant now, LocalTime start, LocalTime end) {
        if (start.equals(end)) {
            return null;
        }
        ZonedDateTime local = now.atZone(ChinaTime.ZONE);
        LocalTime t = local.toLocalTime();
        LocalDate day = local.toLocalDate();
        if (start.isBefore(end)) {
            return !t.isBefore(start) && t.isBefore(end) ? day.atTime(end).atZone(ChinaTime.ZONE).toInstant() : null;
        }
        if (!t.isBefore(start)) {
            return day.plusDays(1).atTime(end).atZone(ChinaTime.ZONE).toInstant();
        }
        if (t.isBefore(end)) {
            return day.atTime(end).atZone(ChinaTime.ZONE).toInstant();
        }
        return null;
    }
}
