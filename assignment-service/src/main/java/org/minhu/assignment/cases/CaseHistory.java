package org.minhu.assignment.cases;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One transition of a case: who, when, why. */
@Entity
@Table(name = "case_history")
public class CaseHistory extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "case_history_seq")
    @SequenceGenerator(name = "case_history_seq", sequenceName = "case_history_seq", allocationSize = 50)
    public Long id;

    @Column(name = "case_id")
    public UUID caseId;

    public String action;

    @Column(name = "from_status")
    public String fromStatus;

    @Column(name = "to_status")
    public String toStatus;

    @Column(name = "unit_id")
    public String unitId;

    public String actor;

    public String reason;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    static CaseHistory of(PetitionCase c, String action, CaseStatus from, String actor, String reason, Instant at) {
        CaseHistory h = new CaseHistory();
        h.caseId = c.id;
        h.action = action;
        h.fromStatus = from == null ? null : from.name();
        h.toStatus = c.status.name();
        h.unitId = c.leadUnitId;
        h.actor = actor;
        h.reason = reason;
        h.occurredAt = at;
        return h;
    }
}
