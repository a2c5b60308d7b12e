package org.minhu.feedback.rating;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The events feedback-service publishes on {@value #TOPIC}, keyed by petition id. */
public final class FeedbackEvents {

    public static final String TOPIC = "minhu.feedback.events";
    /** A rating was recorded; UNSATISFIED or NOT_SOLVED makes assignment-service reopen the case (重办). */
    public static final String RECORDED = "org.minhu.feedback.recorded";
    /** A rating window closed without a rating: the round counts as NOT_RATED. */
    public static final String NOT_RATED = "org.minhu.feedback.not-rated";
    /**
     * An answer's rating round was opened: its petitioner may now rate it until {@code windowClosesAt}.
     * assignment-service and petition-service note it; an answer that has none after a while is
     * published again by their reconciliation.
     */
    public static final String ROUND_OPENED = "org.minhu.feedback.round-opened";

    private FeedbackEvents() {
    }

    /** No personal data: no comment, no petitioner. */
    public record Recorded(UUID petitionId, int round, Satisfaction satisfaction, Solved solved, String channel,
                           boolean reopens, OffsetDateTime ratedAt) {
    }

    public record RoundOpened(UUID petitionId, UUID caseId, int round, OffsetDateTime answeredAt,
                              OffsetDateTime windowClosesAt) {
    }

    public record NotRated(UUID petitionId, int round, OffsetDateTime windowClosedAt) {
    }
}
