package org.minhu.assignment.cases;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * 内部备注: a note staff keep on a case for each other. Internal to the units handling the case and
 * the governance centre over it: never in an event, never in the case history, never shown to the
 * petitioner or to auditors.
 */
@Entity
@Table(name = "case_note")
public class CaseNote extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "case_id")
    public UUID caseId;

    public String text;

    /** The author's subject (the token's sub). */
    public String author;

    @Column(name = "author_unit_id")
    public String authorUnitId;

    @Column(name = "created_at")
    public Instant createdAt;
}
