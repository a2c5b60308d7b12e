package org.minhu.assignment.unit;

import java.time.Instant;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A government unit: a governance centre, a department or a town/street office. Kept in the
 * second-level cache: dispatch reads units on every event, and they change only through the admin API.
 */
@Entity
@Cacheable
@Table(name = "unit")
public class Unit extends PanacheEntityBase {

    public static final String GOVERNANCE_CENTRE = "GOVERNANCE_CENTRE";

    @Id
    public String id;

    @Column(name = "name_zh")
    public String nameZh;

    @Column(name = "name_en")
    public String nameEn;

    /** CITY, DISTRICT or TOWN. */
    public String level;

    /** GOVERNANCE_CENTRE, DEPARTMENT or TOWN_OFFICE. */
    public String kind;

    public String department;

    @Column(name = "region_code")
    public String regionCode;

    @Column(name = "parent_id")
    public String parentId;

    public boolean active;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    public boolean isGovernanceCentre() {
        return GOVERNANCE_CENTRE.equals(kind);
    }

    /** The governance centre of a district-level region. */
    public static String governanceCentreOf(String regionCode) {
        return regionCode + "-gc";
    }
}
