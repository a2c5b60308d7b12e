package org.minhu.feedback.rating;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What feedback-service keeps of a submitted petition: who may rate it, its intake channel and town. No personal data. */
@Entity
@Table(name = "petition_ref")
public class PetitionRef extends PanacheEntityBase {

    @Id
    @Column(name = "petition_id")
    public UUID petitionId;

    @Column(name = "tracking_number")
    public String trackingNumber;

    /** The citizen's pseudonymous subject. */
    @Column(name = "petitioner_id")
    public String petitionerId;

    @Column(name = "category_code")
    public String categoryCode;

    @Column(name = "region_code")
    public String regionCode;

    /** The town (街道/镇) the citizen placed the request in; null when none was given (hot spots). */
    @Column(name = "town_code")
    public String townCode;

    public String channel;

    @Column(name = "submitted_at")
    public Instant submittedAt;
}
