package org.minhu.assignment.calendar;

import org.minhu.common.time.ChinaTime;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Working days on China's holiday calendar, with make-up working days (调休), read from the
 * calendar tables. A deadline that reaches into a year whose schedule is not loaded counts
 * weekends only and says so ({@link Deadline#calendarIncomplete()}); loading the year is a
 * migration, not a code change. Times are China Standard Time.
 */
@ApplicationScoped
public class WorkingCalendar {

    /** A computed deadline, and whether part of it was counted without a published holiday schedule. */
    public record Deadline(Instant at, boolean calendarIncomplete) {
    }

    private record Snapshot(Map<LocalDate, Boolean> overrides, Set<Integer> years) {
    }

    private final EntityManager em;
    private volatile Snapshot snapshot;

    public WorkingCalendar(EntityManager em) {
        this.em = em;
    }

    /**
     * A calendar of the given days (true: a make-up working day, false: a holiday) and published
     * years, read from no database: the rules without the tables. {@link #reload()} keeps it as it is.
     */
    public static WorkingCalendar of(Map<LocalDate, Boolean> overrides, Set<Integer> years) {
        WorkingCalendar calendar = new WorkingCalendar(null);
        calendar.snapshot = new Snapshot(Map.copyOf(overrides), Set.copyOf(years));
        return calendar;
    }

    public boolean isWorkingDay(LocalDate day) {
        Boolean override = load().overrides().get(day);
        if (override != null) {
            return override;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    public boolean isPublished(int year) {
        return load().years().contains(year);
    }

    /**
     * The same time of day {@code n} working days after {@code start}. A start on a day off
     * starts the clock at the beginning of the next working day.
     */
    public Deadline plusWorkingDays(Instant start, int n) {
        ZonedDateTime t = start.atZone(ChinaTime.ZONE);
        LocalDate day = t.toLocalDate();
        LocalTime time = t.toLocalTime();
        boolean incomplete = !isPublished(day.getYear());
        if (!isWorkingDay(day)) {
            day = nextWorkingDay(day);
            time = LocalTime.MIDNIGHT;
            incomplete |= !isPublished(day.getYear());
        }
        for (int i = 0; i < n; i++) {
            day = nextWorkingDay(day);
            incomplete |= !isPublished(day.getYear());
        }
        return new Deadline(day.atTime(time).atZone(ChinaTime.ZONE).toInstant(), incomplete);
    }

    /** A limit in clock time (the urgent 2-hour sign-for limit). */
    public Deadline plus(Instant start, Duration limit) {
        return new Deadline(start.plus(limit), false);
    }

    private LocalDate nextWorkingDay(LocalDate day) {
        LocalDate d = day.plusDays(1);
        while (!isWorkingDay(d)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** Forgets the loaded calendar, so a newly migrated year is seen. */
    public void reload() {
        if (em != null) {
            snapshot = null;
        }
    }

    private Snapshot load() {
        Snapshot s = snapshot;
        if (s == null) {
            s = QuarkusTransaction.joiningExisting().call(this::read);
            snapshot = s;
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private Snapshot read() {
        Map<LocalDate, Boolean> overrides = new HashMap<>();
        for (Object[] row : (List<Object[]>) em.createNativeQuery("SELECT day, kind FROM calendar_day").getResultList()) {
            LocalDate day = row[0] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) row[0];
            overrides.put(day, "workday".equals(row[1]));
        }
        Set<Integer> years = new HashSet<>();
        for (Object y : em.createNativeQuery("SELECT year FROM calendar_year").getResultList()) {
            years.add(((Number) y).intValue());
        }
        return new Snapshot(Map.copyOf(overrides), Set.copyOf(years));
    }
}
