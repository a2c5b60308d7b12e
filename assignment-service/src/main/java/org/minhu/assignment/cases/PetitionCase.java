package org.minhu.assignment.cases;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One petition's handling by units (工单). */
@Entity
@Table(name = "petition_case")
public class PetitionCase extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "petition_id")
    public UUID petitionId;

    @Column(name = "tracking_number")
    public String trackingNumber;

    @Column(name = "petitioner_id")
    public String petitionerId;

    public String title;

    @Column(name = "category_code")
    public String categoryCode;

    public String handling;

    @Column(name = "region_code")
    public String regionCode;

    @Column(name = "town_code")
    public String townCode;

    @Enumerated(EnumType.STRING)
    public CaseStatus status;

    @Column(name = "lead_unit_id")
    public String leadUnitId;

    @Column(name = "routing_rule_id")
    public Long routingRuleId;

    @Column(name = "routing_rule_version")
    public Integer routingRuleVersion;

    @Column(name = "routed_by_fallback")
    public boolean routedByFallback;

    @Column(name = "dispatched_at")
    public Instant dispatchedAt;

    @Column(name = "sign_deadline")
    public Instant signDeadline;

    @Column(name = "answer_deadline")
    public Instant answerDeadline;

    @Column(name = "calendar_incomplete")
    public boolean calendarIncomplete;

    @Column(name = "signed_at")
    public Instant signedAt;

    @Column(name = "answered_at")
    public Instant answeredAt;

    public String reply;

    @Column(name = "return_count")
    public int returnCount;

    @Column(name = "reopen_count")
    public int reopenCount;

    /** The last (re)dispatch: deadlines count from here. {@link #dispatchedAt} is the first. */
    @Column(name = "assigned_at")
    public Instant assignedAt;

    /** Until when the unit may hand the case back. */
    @Column(name = "return_deadline")
    public Instant returnDeadline;

    @Column(name = "previous_unit_id")
    public String previousUnitId;

    /** The governance centre's ruling is final: the unit may not hand the case back again. */
    @Column(name = "final_ruling")
    public boolean finalRuling;

    public boolean flagged;

    @Column(name = "flag_reason")
    public String flagReason;

    @Column(name = "extension_status")
    public String extensionStatus;

    @Column(name = "extension_days")
    public Integer extensionDays;

    @Column(name = "extension_reason")
    public String extensionReason;

    @Column(name = "reminded_at")
    public Instant remindedAt;

    @Column(name = "escalated_at")
    public Instant escalatedAt;

    @Column(name = "escalated_to")
    public String escalatedTo;

    @Column(name = "supervised_by")
    public String supervisedBy;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The latest answer round (reopenCount + 1) for which feedback-service reported a rating round open. */
    @Column(name = "rating_round_opened")
    public int ratingRoundOpened;

    /** When the reconciliation last published the answer again for want of a rating round. */
    @Column(name = "answer_republished_at")
    public Instant answerRepublishedAt;

    @Column(name = "withdrawn_at")
    public Instant withdrawnAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "withdrawal_reason_code")
    public WithdrawalReason withdrawalReasonCode;

    @Column(name = "withdrawal_reason")
    public String withdrawalReason;

    /** When the governance centre refused the case or handed it off. */
    @Column(name = "closed_at")
    public Instant closedAt;

    /** The refusal's reason code, or the hand-off's target. */
    @Column(name = "closure_code")
    public String closureCode;

    /** The refusal's legal route, or the name of the utility's hotline a hand-off went to. */
    @Column(name = "closure_route")
    public String closureRoute;

    @Column(name = "closure_note")
    public String closureNote;

    /** 承办人: the lead unit's staff member handling the case (their subject); internal, in no event. */
    @Column(name = "officer_id")
    public String officerId;

    @Version
    public int version;
}
