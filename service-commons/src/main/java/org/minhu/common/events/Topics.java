package org.minhu.common.events;

import java.util.List;

/**
 * The platform's Kafka topics, named once. Each service publishes its own events on one topic,
 * keyed by petition id, and has one dead-letter topic for the messages its consumers gave up on.
 * A consumer's channel is named after the topic it reads.
 */
public final class Topics {

    /** petition-service's events ({@link PetitionEvents}). */
    public static final String PETITION_EVENTS = "minhu.petition.events";
    /** assignment-service's events ({@link CaseEvents}). */
    public static final String CASE_EVENTS = "minhu.case.events";
    /** feedback-service's events ({@link FeedbackEvents}). */
    public static final String FEEDBACK_EVENTS = "minhu.feedback.events";

    public static final String PETITION_DLQ = "minhu.petition.dlq";
    public static final String ASSIGNMENT_DLQ = "minhu.assignment.dlq";
    public static final String FEEDBACK_DLQ = "minhu.feedback.dlq";
    /** notification-service consumes the three event topics and publishes nothing; this is its dead-letter topic. */
    public static final String NOTIFICATION_DLQ = "minhu.notification.dlq";

    public static final List<String> EVENTS = List.of(PETITION_EVENTS, CASE_EVENTS, FEEDBACK_EVENTS);
    public static final List<String> DEAD_LETTERS = List.of(PETITION_DLQ, ASSIGNMENT_DLQ, FEEDBACK_DLQ, NOTIFICATION_DLQ);

    private Topics() {
    }
}
