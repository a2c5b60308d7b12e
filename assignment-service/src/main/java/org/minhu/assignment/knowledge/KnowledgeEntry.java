package org.minhu.assignment.knowledge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** 知识库: one question and its answer, with the policy it rests on, kept by the unit that owns it. */
@Entity
@Table(name = "knowledge_entry")
public class KnowledgeEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "category_code")
    public String categoryCode;

    /** The owner unit: its staff (and administrators) change the entry. */
    @Column(name = "unit_id")
    public String unitId;

    public String question;

    public String answer;

    @Column(name = "policy_basis")
    public String policyBasis;

    @Column(name = "valid_from")
    public LocalDate validFrom;

    /** The last day it holds; null: until further notice. */
    @Column(name = "valid_until")
    public LocalDate validUntil;

    /** Shown without signing in (while valid). */
    @Column(name = "is_public")
    public boolean isPublic;

    /** When the owner unit must check it again; past that day it is flagged reviewOverdue. */
    @Column(name = "review_by")
    public LocalDate reviewBy;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
