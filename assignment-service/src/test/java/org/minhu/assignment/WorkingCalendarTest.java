package org.minhu.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.minhu.assignment.calendar.WorkingCalendar;

/** Deadlines on the holiday calendar loaded by migration, with make-up working days (调休). */
@QuarkusTest
class WorkingCalendarTest {

    @Inject
    WorkingCalendar calendar;

    private static Instant cst(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+08:00").toInstant();
    }

    @Test
    void shouldSkipNationalDay2026AndCountTheMakeUpSaturday() {
        // Wed 30 Sep + 5 working days: 1-7 Oct are holidays; Thu 8, Fri 9, Sat 10 (调休), Mon 12, Tue 13.
        WorkingCalendar.Deadline d = calendar.plusWorkingDays(cst("2026-09-30T10:00:00"), 5);
        assertThat(d.at()).isEqualTo(cst("2026-10-13T10:00:00"));
        assertThat(d.calendarIncomplete()).isFalse();
    }

    @Test
    void shouldTreatTheMakeUpSundayAsAWorkingDay() {
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 9, 20))).isTrue();   // Sunday, 国庆节调休
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 1))).isFalse();  // Thursday, 国庆节
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 9, 19))).isFalse();  // ordinary Saturday
    }

    @Test
    void shouldStartTheClockAtTheNextWorkingDayWhenDispatchedOnADayOff() {
        // Sat 19 Sep 2026 is a day off; Sun 20 Sep is a make-up working day: the clock starts then.
        WorkingCalendar.Deadline d = calendar.plusWorkingDays(cst("2026-09-19T15:30:00"), 1);
        assertThat(d.at()).isEqualTo(cst("2026-09-21T00:00:00"));
    }

    @Test
    void shouldCountOneWorkingDayAcrossAWeekend() {
        // Fri 13 Nov 2026 16:00 + 1 working day = Mon 16 Nov 16:00
        assertThat(calendar.plusWorkingDays(cst("2026-11-13T16:00:00"), 1).at()).isEqualTo(cst("2026-11-16T16:00:00"));
    }

    @Test
    void shouldFlagDeadlinesThatReachAnUnpublishedYear() {
        WorkingCalendar.Deadline d = calendar.plusWorkingDays(cst("2026-12-30T10:00:00"), 5);
        assertThat(d.calendarIncomplete()).isTrue();
        // weekends only in 2027: Wed 30 Dec, Thu 31 Dec, Fri 1 Jan, Mon 4, Tue 5, Wed 6
        assertThat(d.at()).isEqualTo(cst("2027-01-06T10:00:00"));
    }
}
