package org.minhu.petition.open311;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.minhu.petition.petition.PetitionStatus;

/**
 * GeoReport v2 knows two statuses: a request is open while a unit is working on it (reopened
 * included) and closed once answered, rated, rejected or closed. No database.
 */
class Open311StatusTest {

    @ParameterizedTest
    @EnumSource(value = PetitionStatus.class, names = {"SUBMITTED", "ASSIGNED", "ACCEPTED", "RETURNED", "TRANSFERRED",
            "EXTENDED", "OVERDUE", "ESCALATED", "REOPENED"})
    void aRequestBeingHandledIsOpen(PetitionStatus status) {
        assertThat(GeoReport.open311Status(status)).isEqualTo("open");
    }

    @ParameterizedTest
    @EnumSource(value = PetitionStatus.class, names = {"ANSWERED", "RATED", "REJECTED", "CLOSED"})
    void anAnsweredRatedRejectedOrClosedRequestIsClosed(PetitionStatus status) {
        assertThat(GeoReport.open311Status(status)).isEqualTo("closed");
    }
}
