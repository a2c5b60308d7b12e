package org.minhu.feedback.intake;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Where one case stands in its current round, as told by the case events. */
@Entity
@Table(name = "case_track")
public class CaseTrack extends PanacheEntityBase {

    @Id
    @Column(name = "petition_id")
    public UUID petitionId;

    @Column(name = "case_id")
    public UUID caseId;

    /** 1 for the first answer, 2 after the first reopen (重办), ... */
    public int round;

    @Column(name = "unit_id")
    public String unitId;

    @Column(name = "region_code")
    public String regionCode;

    @Column(name = "category_code")
    public String categoryCode;

    @Column(name = "dispatched_at")
    public Instant dispatchedAt;

    @Column(name = "sign_deadline")
    public Instant signDeadline;

    @Column(name = "signed_at")
    public Instant signedAt;

    @Column(name = "answer_deadline")
    public Instant answerDeadline;

    @Column(name = "round_assignments")
    public int roundAssignments;

    @Column(name = "round_returns")
    public int roundReturns;

    @Column(name = "round_extended")
    public boolean roundExtended;

    @Column(name = "round_escalated")
    public boolean roundEscalated;

    @Column(name = "round_overdue")
    public boolean roundOverdue;
}
