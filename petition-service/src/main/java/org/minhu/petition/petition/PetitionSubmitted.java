package org.minhu.petition.petition;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The data of a {@value #TYPE} event. It carries no personal data (no name, phone or address
 * text): other services route and rate by the petitioner's subject and fetch contact details
 * from petition-service only where they are allowed to see them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PetitionSubmitted(
        UUID petitionId,
        String trackingNumber,
        String petitionerId,
        String title,
        String description,
        String categoryCode,
        String handling,
        String regionCode,
        String townCode,
        BigDecimal latitude,
        BigDecimal longitude,
        boolean hasAddress,
        String channel,
        OffsetDateTime submittedAt) {

    public static final String TYPE = "org.minhu.petition.submitted";
}
