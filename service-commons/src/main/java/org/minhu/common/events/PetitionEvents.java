package org.minhu.common.events;

import static org.minhu.common.events.EventData.require;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The events petition-service publishes on {@value Topics#PETITION_EVENTS}, keyed by petition id. */
public final class PetitionEvents {

    public static final String NAMESPACE = "org.minhu.petition";
    /** A citizen's request was accepted; assignment-service routes it, feedback-service learns who may rate it. */
    public static final String SUBMITTED = NAMESPACE + ".submitted";
    /** The petitioner added information (补充诉求) to a request not yet answered; the handling unit sees it in the case history. */
    public static final String INFORMATION_ADDED = NAMESPACE + ".information-added";

    private PetitionEvents() {
    }

    /**
     * The data of {@value #SUBMITTED}. It carries no contact details (no name, phone or address
     * text): other services route and rate by the petitioner's subject. It does carry the title and
     * the description as the citizen wrote them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Submitted(
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
            Boolean hasAddress,
            String channel,
            OffsetDateTime submittedAt) implements EventData {

        @Override
        public void validate() {
            require(petitionId, "petitionId");
            require(trackingNumber, "trackingNumber");
            require(petitionerId, "petitionerId");
            require(title, "title");
            require(categoryCode, "categoryCode");
            require(handling, "handling");
            require(regionCode, "regionCode");
            require(channel, "channel");
            require(submittedAt, "submittedAt");
        }
    }

    /**
     * The data of {@value #INFORMATION_ADDED}: the text as the petitioner wrote it (like the
     * description in {@link Submitted}), and when. No contact details.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InformationAdded(
            UUID petitionId,
            long additionId,
            String text,
            OffsetDateTime addedAt) implements EventData {

        @Override
        public void validate() {
            require(petitionId, "petitionId");
            require(text, "text");
            require(addedAt, "addedAt");
        }
    }
}
