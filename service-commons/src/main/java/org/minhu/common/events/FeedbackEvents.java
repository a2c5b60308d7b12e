package org.minhu.common.events;

import static org.minhu.common.events.EventData.positive;
import static org.minhu.common.events.EventData.require;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The events feedback-service publishes on {@value Topics#FEEDBACK_EVENTS}, keyed by petition id. */
public final class FeedbackEvents {

    public static final String NAMESPACE = "org.minhu.feedback";
    /** A rating was recorded; one that {@code reopens} makes assignment-service reopen the case (重办). */
    public static final String RECORDED = NAMESPACE + ".recorded";
    /** A rating window closed without a rating: the round counts as NOT_RATED. */
    public static final String NOT_RATED = NAMESPACE + ".not-rated";
    /**
     * An answer's rating round was opened: its petitioner may now rate it until {@code windowClosesAt}.
     * assignment-service and petition-service note it; an answer that has none after a while is
     * published again by their reconciliation.
     */
    public static final String ROUND_OPENED = NAMESPACE + ".round-opened";

    private FeedbackEvents() {
    }

    /**
     * The data of {@value #RECORDED}. No personal data: no comment, no petitioner. Whether the
     * rating reopens the case is feedback-service's rule, stated here so that no consumer applies a
     * copy of it that could drift.
     */
    public record Recorded(UUID petitionId, Integer round, String satisfaction, String solved, String channel,
                           Boolean reopens, OffsetDateTime ratedAt) implements EventData {

        @Override
        public void validate() {
            require(petitionId, "petitionId");
            positive(round, "round");
            require(satisfaction, "satisfaction");
            require(solved, "solved");
            require(channel, "channel");
            require(reopens, "reopens");
            require(ratedAt, "ratedAt");
        }
    }

    /** The data of {@value #ROUND_OPENED}. */
    public record RoundOpened(UUID petitionId, UUID caseId, Integer round, OffsetDateTime answeredAt,
                              OffsetDateTime windowClosesAt) implements EventData {

        @Override
        public void validate() {
            require(petitionId, "petitionId");
            require(caseId, "caseId");
            positive(round, "round");
            require(answeredAt, "answeredAt");
            require(windowClosesAt, "windowClosesAt");
        }
    }

    /** The data of {@value #NOT_RATED}. */
    public record NotRated(UUID petitionId, Integer round, OffsetDateTime windowClosedAt) implements EventData {

        @Override
        public void validate() {
            require(petitionId, "petitionId");
            positive(round, "round");
            require(windowClosedAt, "windowClosedAt");
        }
    }
}
