package org.minhu.feedback.rating;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.minhu.feedback.stats.Aggregates;

/** One answer (答复) of a case: the rating window it opened, and how that window ended. */
@Entity
@Table(name = "answer_round")
public class AnswerRound extends PanacheEntityBase {

    public enum Outcome { OPEN, RATED, NOT_RATED }

    /** A call-back on a petition that came in by hotline: the caller has no other way to rate. */
    public static final String HOTLINE_PETITION = "hotline-petition";
    /** A call-back the petitioner accepted for the round. */
    public static final String CITIZEN_ACCEPTED = "citizen-accepted";

    @Id
    public UUID id;

    @Column(name = "petition_id")
    public UUID petitionId;

    public int round;

    @Column(name = "case_id")
    public UUID caseId;

    @Column(name = "tracking_number")
    public String trackingNumber;

    @Column(name = "unit_id")
    public String unitId;

    @Column(name = "region_code")
    public String regionCode;

    @Column(name = "category_code")
    public String categoryCode;

    /** The petition's intake channel. */
    public String channel;

    @Column(name = "dispatched_at")
    public Instant dispatchedAt;

    @Column(name = "sign_deadline")
    public Instant signDeadline;

    @Column(name = "signed_at")
    public Instant signedAt;

    @Column(name = "answer_deadline")
    public Instant answerDeadline;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(name = "answered_on_time")
    public boolean answeredOnTime;

    public int assignments;

    public int returns;

    public boolean extended;

    public boolean escalated;

    @Column(name = "window_closes_at")
    public Instant windowClosesAt;

    @Enumerated(EnumType.STRING)
    public Outcome outcome;

    @Enumerated(EnumType.STRING)
    public Satisfaction satisfaction;

    @Enumerated(EnumType.STRING)
    public Solved solved;

    public String comment;

    @Column(name = "rating_channel")
    public String ratingChannel;

    /** The hotline staff member who recorded a call-back, for ratings taken by phone. */
    @Column(name = "recorded_by")
    public String recordedBy;

    /**
     * Why hotline staff could record this round's rating as a call-back (回访): {@value #HOTLINE_PETITION}
     * or {@value #CITIZEN_ACCEPTED}; null for the petitioner's own rating.
     */
    @Column(name = "call_back")
    public String callBack;

    /** When the petitioner accepted a call-back for this round (then hotline staff may record it). */
    @Column(name = "call_back_accepted_at")
    public Instant callBackAcceptedAt;

    @Column(name = "rated_at")
    public Instant ratedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    /** The rating sent the case back (重办). */
    public boolean reopened;

    public Aggregates.Key statsKey() {
        return new Aggregates.Key(regionCode, unitId, categoryCode, channel);
    }

    /** The rating calls for re-handling: unsatisfied or not solved. */
    public static boolean reopens(Satisfaction satisfaction, Solved solved) {
        return satisfaction == Satisfaction.UNSATISFIED || solved == Solved.NOT_SOLVED;
    }
}
