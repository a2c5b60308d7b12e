package org.minhu.assignment.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link WorkingCalendar}'s counting, with no database: the calendar is the one migration V4 loads
 * (its rows read from the migration file on the classpath), so the holidays and make-up working
 * days (调休) are the ones the service knows. Times are China Standard Time, whatever the JVM's zone.
 */
class WorkingCalendarRulesTest {

    private static final String MIGRATION = "db/migration/V4__calendar_2025_2026.sql";

    private static Map<LocalDate, Boolean> overrides;
    private static Set<Integer> years;
    private static WorkingCalendar calendar;

    @BeforeAll
    static void loadTheMigratedCalendar() throws IOException {
        String sql;
        try (InputStream in = WorkingCalendarRulesTest.class.getClassLoader().getResourceAsStream(MIGRATION)) {
            assertThat(in).as(MIGRATION).isNotNull();
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        overrides = new HashMap<>();
        Matcher day = Pattern.compile("\\('(\\d{4}-\\d{2}-\\d{2})', '(holiday|workday)'").matcher(sql);
        while (day.find()) {
            overrides.put(LocalDate.parse(day.group(1)), "workday".equals(day.group(2)));
        }
        years = new HashSet<>();
        Matcher yearRows = Pattern.compile("INSERT INTO calendar_year \\(year\\) VALUES ([^;]+);").matcher(sql);
        assertThat(yearRows.find()).isTrue();
        Matcher year = Pattern.compile("\\((\\d{4})\\)").matcher(yearRows.group(1));
        while (year.find()) {
            years.add(Integer.parseInt(year.group(1)));
        }
        calendar = WorkingCalendar.of(overrides, years);
    }

    private static Instant cst(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+08:00").toInstant();
    }

    @Test
    void theMigrationPublishes2025And2026WithTheirHolidaysAndMakeUpDays() {
        assertThat(years).containsExactlyInAnyOrder(2025, 2026);
        assertThat(overrides).hasSizeGreaterThan(60);
        assertThat(calendar.isPublished(2026)).isTrue();
        assertThat(calendar.isPublished(2027)).isFalse();
    }

    @Test
    void everyMakeUpWorkingDayIsASaturdayOrSunday() {
        overrides.forEach((day, working) -> {
            if (working) {
                assertThat(day.getDayOfWeek()).as(day.toString()).isIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            }
        });
    }

    @Test
    void ordinaryWeekdaysWorkAndOrdinaryWeekendsDoNot() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 11, 13))).isTrue();  // Friday
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 11, 14))).isFalse(); // Saturday
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 11, 15))).isFalse(); // Sunday
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 11, 16))).isTrue();  // Monday
    }

    @Test
    void aHolidayOnAWeekdayIsADayOffAndAMakeUpWeekendDayIsAWorkingDay() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 1))).isFalse();  // Thursday, 国庆节
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 2, 16))).isFalse();  // Monday, 春节
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 9, 20))).isTrue();   // Sunday, 国庆节调休
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();  // Saturday, 国庆节调休
        assertThat(calendar.isWorkingDay(LocalDate.of(2025, 1, 26))).isTrue();   // Sunday, 春节调休
    }

    @Test
    void oneWorkingDayFromAFridayIsTheMondayAtTheSameTime() {
        WorkingCalendar.Deadline d = calendar.plusWorkingDays(cst("2026-11-13T16:00:00"), 1);
        assertThat(d.at()).isEqualTo(cst("2026-11-16T16:00:00"));
        assertThat(d.calendarIncomplete()).isFalse();
    }

    @Test
    void fiveWorkingDaysSkipNationalDayAndCountTheMakeUpSaturday() {
        // Wed 30 Sep 2026: 1-7 Oct off; Thu 8, Fri 9, Sat 10 (调休), Mon 12, Tue 13
        assertThat(calendar.plusWorkingDays(cst("2026-09-30T10:00:00"), 5).at()).isEqualTo(cst("2026-10-13T10:00:00"));
    }

    @Test
    void theSpringFestivalMakeUpSaturdayIsTheNextWorkingDayAndTheHolidayIsSkipped() {
        // Fri 13 Feb 2026: Sat 14 is 调休, 15-23 are 春节, Tue 24 is the next working day
        assertThat(calendar.plusWorkingDays(cst("2026-02-13T09:00:00"), 1).at()).isEqualTo(cst("2026-02-14T09:00:00"));
        assertThat(calendar.plusWorkingDays(cst("2026-02-13T09:00:00"), 2).at()).isEqualTo(cst("2026-02-24T09:00:00"));
    }

    @Test
    void aDeadlineAcrossNewYearUsesBothPublishedYears() {
        // Wed 31 Dec 2025: 1-3 Jan 2026 are 元旦, Sun 4 Jan is 调休
        WorkingCalendar.Deadline d = calendar.plusWorkingDays(cst("2025-12-31T11:00:00"), 1);
        assertThat(d.at()).isEqualTo(cst("2026-01-04T11:00:00"));
        assertThat(d.calendarIncomplete()).isFalse();
    }

    @Test
    void aStartOnADayOffStartsTheClockAtMidnightOfTheNextWorkingDay() {
        // Sat 19 Sep 2026 15:30 is off; Sun 20 Sep (调休) 00:00 starts the clock; one day later: Mon 21 00:00
        assertThat(calendar.plusWorkingDays(cst("2026-09-19T15:30:00"), 1).at()).isEqualTo(cst("2026-09-21T00:00:00"));
        // a holiday: Thu 1 Oct 2026 14:00, the clock starts Thu 8 Oct 00:00
        assertThat(calendar.plusWorkingDays(cst("2026-10-01T14:00:00"), 0).at()).isEqualTo(cst("2026-10-08T00:00:00"));
    }

    @Test
    void zeroWorkingDaysFromAWorkingDayIsTheStartItself() {
        assertThat(calendar.plusWorkingDays(cst("2026-11-16T08:30:00"), 0).at()).isEqualTo(cst("2026-11-16T08:30:00"));
    }

    @Test
    void theDayIsTheChinaDateNotTheUtcDate() {
        // Sat 14 Nov 2026 00:00 in China is still Friday 16:00 in UTC: a day off, so the clock starts Monday 00:00
        assertThat(calendar.plusWorkingDays(Instant.parse("2026-11-13T16:00:00Z"), 1).at()).isEqualTo(cst("2026-11-17T00:00:00"));
        // Mon 16 Nov 2026 00:00 in China is still Sunday in UTC: a working day, counted from its own midnight
        assertThat(calendar.plusWorkingDays(Instant.parse("2026-11-15T16:00:00Z"), 1).at()).isEqualTo(cst("2026-11-17T00:00:00"));
    }

    @Test
    void aStartOneSecondBeforeChinaMidnightKeepsItsTimeOfDay() {
        // Fri 13 Nov 2026 23:59:59 is Friday's: Monday 23:59:59
        assertThat(calendar.plusWorkingDays(cst("2026-11-13T23:59:59"), 1).at()).isEqualTo(cst("2026-11-16T23:59:59"));
        // Wed 30 Sep 2026 23:59:59, the eve of National Day: Thu 8 Oct 23:59:59
        assertThat(calendar.plusWorkingDays(cst("2026-09-30T23:59:59"), 1).at()).isEqualTo(cst("2026-10-08T23:59:59"));
    }

    @Test
    void aDeadlineReachingAnUnpublishedYearCountsWeekendsOnlyAndSaysSo() {
        WorkingCalendar.Deadline d = calendar.plusWorkingDays(cst("2026-12-30T10:00:00"), 5);
        // Thu 31 Dec, Fri 1 Jan (no 元旦 without the 2027 schedule), Mon 4, Tue 5, Wed 6
        assertThat(d.at()).isEqualTo(cst("2027-01-06T10:00:00"));
        assertThat(d.calendarIncomplete()).isTrue();
    }

    @Test
    void aStartInAnUnpublishedYearIsIncompleteEvenIfTheDeadlineIsInAPublishedOne() {
        WorkingCalendar.Deadline d = calendar.plusWorkingDays(cst("2024-12-31T10:00:00"), 1);
        // Tue 31 Dec 2024 + 1: 1 Jan 2025 is 元旦, Thu 2 Jan
        assertThat(d.at()).isEqualTo(cst("2025-01-02T10:00:00"));
        assertThat(d.calendarIncomplete()).isTrue();
    }

    @Test
    void theUrgentLimitIsClockTimeEvenOverADayOff() {
        WorkingCalendar.Deadline d = calendar.plus(cst("2026-10-01T23:00:00"), Duration.ofHours(2));
        assertThat(d.at()).isEqualTo(cst("2026-10-02T01:00:00"));
        assertThat(d.calendarIncomplete()).isFalse();
    }

    @Test
    void aCalendarBuiltInMemoryIsKeptOnReload() {
        WorkingCalendar own = WorkingCalendar.of(Map.of(LocalDate.of(2026, 11, 16), false), Set.of(2026));
        own.reload();
        assertThat(own.isWorkingDay(LocalDate.of(2026, 11, 16))).isFalse();
        assertThat(own.plusWorkingDays(cst("2026-11-13T16:00:00"), 1).at()).isEqualTo(cst("2026-11-17T16:00:00"));
    }
}
