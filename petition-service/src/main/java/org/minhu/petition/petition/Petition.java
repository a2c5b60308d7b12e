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

    /** The petitioner hid their name from the handling unit (the governance centre still sees it). */
    @Column(name = "name_hidden")
    public boolean nameHidden;

    @Enumerated(EnumType.STRING)
    public PetitionStatus status;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The unit handling the case, by name (never a staff member's). */
    @Column(name = "unit_name_zh")
    public String unitNameZh;

    @Column(name = "unit_name_en")
    public String unitNameEn;

    /** The unit leading the case now (its id, from the latest case event); its staff read the request. */
    @Column(name = "handling_unit_id")
    public String handlingUnitId;

    /** The case's co-handling units (协办), from the latest case event that names them; their staff read the request too. */
    @Column(name = "co_unit_ids")
    public String[] coUnitIds = new String[0];

    /** The unit supervising the overdue case (督办), from the latest case event's escalatedTo; null when none. */
    @Column(name = "supervising_unit_id")
    public String supervisingUnitId;

    @Column(name = "answer_deadline")
    public Instant answerDeadline;

    /** The unit's reply (答复). */
    public String reply;

    @Column(name = "answered_at")
    public Instant answeredAt;

    /** The round of the latest answer (reopenCount + 1 of its case.answered event). */
    @Column(name = "answer_round")
    public Integer answerRound;

    /** The round of the latest rating outcome that did not reopen the case, and that outcome (RATED or CLOSED). */
    @Column(name = "outcome_round")
    public Integer outcomeRound;

    @Enumerated(EnumType.STRING)
    public PetitionStatus outcome;

    /** The answer whose rating round feedback-service reported open (its answeredAt), if any. */
    @Column(name = "rating_answer_at")
    public Instant ratingAnswerAt;

    /** When that rating round closes. */
    @Column(name = "rating_closes_at")
    public Instant ratingClosesAt;

    @Version
    public int version;

    /** The Open311 client application it was filed through, if any. */
    @Column(name = "open311_client_id")
    public UUID open311ClientId;

    /** A photo or document the petitioner's application points to (Open311 media_url). */
    @Column(name = "media_url")
    public String mediaUrl;
}
