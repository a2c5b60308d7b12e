package org.minhu.notification.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;

import org.junit.jupiter.api.Test;
import org.minhu.common.time.ChinaTime;

/** Plain JUnit: when a webhook is held, in China time. */
class QuietHoursTest {

    static Instant china(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ChinaTime.ZONE).toInstant();
    }

    static final LocalTime TEN_PM = LocalTime.of(22, 0);
    static final LocalTime EIGHT_AM = LocalTime.of(8, 0);

    @Test
    void overnightQuietHoursEndTheNextMorningWhenTheyStartedTheEveningBefore() {
        assertThat(QuietHours.endIfWithin(china("2026-12-03T22:00"), TEN_PM, EIGHT_AM)).isEqualTo(china("2026-12-04T08:00"));
        assertThat(QuietHours.endIfWithin(china("2026-12-03T23:59"), TEN_PM, EIGHT_AM)).isEqualTo(china("2026-12-04T08:00"));
        assertThat(QuietHours.endIfWithin(china("2026-12-04T03:00"), TEN_PM, EIGHT_AM)).isEqualTo(china("2026-12-04T08:00"));
    }

    @Test
    void outsideTheQuietHoursNothingIsHeld() {
        assertThat(QuietHours.endIfWithin(china("2026-12-04T08:00"), TEN_PM, EIGHT_AM)).isNull();
        assertThat(QuietHours.endIfWithin(china("2026-12-04T12:00"), TEN_PM, EIGHT_AM)).isNull();
        assertThat(QuietHours.endIfWithin(china("2026-12-04T21:59"), TEN_PM, EIGHT_AM)).isNull();
    }

    @Test
    void daytimeQuietHoursAndEqualEndsMeaningNone() {
        LocalTime noon = LocalTime.NOON;
        LocalTime two = LocalTime.of(14, 0);
        assertThat(QuietHours.endIfWithin(china("2026-12-04T13:00"), noon, two)).isEqualTo(china("2026-12-04T14:00"));
        assertThat(QuietHours.endIfWithin(china("2026-12-04T14:00"), noon, two)).isNull();
        assertThat(QuietHours.endIfWithin(china("2026-12-04T11:00"), noon, two)).isNull();
        assertThat(QuietHours.endIfWithin(china("2026-12-04T03:00"), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)).isNull();
    }

    @Test
    void theQuietHoursAreChinaTimeWhateverTheMachinesZone() {
        // 15:00 UTC is 23:00 in China
        assertThat(QuietHours.endIfWithin(Instant.parse("2026-12-03T15:00:00Z"), TEN_PM, EIGHT_AM))
                .isEqualTo(Instant.parse("2026-12-04T00:00:00Z"));
    }
}
