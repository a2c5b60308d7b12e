package org.minhu.petition.petition;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A status change after submission: when, who (a unit's name, never a staff member's), what. */
@Entity
@Table(name = "petition_timeline")
public class TimelineEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "petition_id")
    public UUID petitionId;

    @Enumerated(EnumType.STRING)
    public PetitionStatus status;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "actor_type")
    public String actorType;

    @Column(name = "actor_name")
    public String actorName;

    public String note;

    @Column(name = "source_event_id")
    public UUID sourceEventId;

    /** STATUS: a status change (the default); ADDITION: the petitioner added information (补充诉求). */
    public String kind = STATUS;

    /** A closing step's reason code: the withdrawal's, the refusal's, or the hand-off's target. */
    @Column(name = "reason_code")
    public String reasonCode;

    /** A refusal's legal route to take instead, or the utility hotline a hand-off went to. */
    public String route;

    public static final String STATUS = "STATUS";
    public static final String ADDITION = "ADDITION";
}
