package org.minhu.petition.petition;

import java.math.BigDecimal;
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

/** A citizen's request (诉求) as petition-service keeps it. Holds the personal data, once. */
@Entity
@Table(name = "petition")
public class Petition extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "tracking_number")
    public String trackingNumber;

    @Column(name = "petitioner_id")
    public String petitionerId;

    public String title;

    public String description;

    @Column(name = "category_code")
    public String categoryCode;

    @Column(name = "region_code")
    public String regionCode;

    @Column(name = "town_code")
    public String townCode;

    public BigDecimal latitude;

    public BigDecimal longitude;

    public String address;

    @Enumerated(EnumType.STRING)
    public Channel channel;

    @Column(name = "contact_name")
    public String contactName;

    @Column(name = "contact_phone")
    public String contactPhone;

    @Enumerated(EnumType.STRING)
    public PetitionStatus status;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public int version;
}
