package org.minhu.assignment.routing;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One version of a routing rule: (category, region or town) → lead unit and co-handling units. Never edited. */
@Entity
@Table(name = "routing_rule")
public class RoutingRule extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "category_code")
    public String categoryCode;

    @Column(name = "region_code")
    public String regionCode;

    public int version;

    @Column(name = "lead_unit_id")
    public String leadUnitId;

    @Column(name = "co_unit_ids")
    public String[] coUnitIds;

    @Column(name = "effective_from")
    public Instant effectiveFrom;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;
}
