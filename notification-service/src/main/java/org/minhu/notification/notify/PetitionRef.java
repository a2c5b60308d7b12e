package org.minhu.notification.notify;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What petition.submitted says about a petition that notifications need: whom to tell, and its name. No contact details. */
@Entity
@Table(name = "petition_ref")
public class PetitionRef {

    @Id
    @Column(name = "petition_id")
    public UUID petitionId;

    @Column(name = "petitioner_id", nullable = false)
    public String petitionerId;

    @Column(name = "tracking_number", nullable = false)
    public String trackingNumber;

    @Column(nullable = false)
    public String title;

    @Column(name = "category_code", nullable = false)
    public String categoryCode;

    @Column(name = "region_code", nullable = false)
    public String regionCode;

    @Column(nullable = false)
    public String handling;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    public boolean urgent() {
        return "URGENT".equals(handling);
    }
}
