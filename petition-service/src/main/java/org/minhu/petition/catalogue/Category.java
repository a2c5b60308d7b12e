package org.minhu.petition.catalogue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A request category (loaded by migration V2). */
@Entity
@Table(name = "category")
public class Category extends PanacheEntityBase {

    @Id
    public String code;

    @Column(name = "name_zh")
    public String nameZh;

    @Column(name = "name_en")
    public String nameEn;

    @Column(name = "group_code")
    public String groupCode;

    @Column(name = "group_zh")
    public String groupZh;

    @Column(name = "group_en")
    public String groupEn;

    public String handling;

    public String keywords;

    @Column(name = "sort_order")
    public int sortOrder;

    /** Whether a petitioner may hide their name from the handling unit in this category. */
    @Column(name = "name_hideable")
    public boolean nameHideable;

    /** How near (metres) another open request of this category counts as the same place, when both have coordinates. */
    @Column(name = "similar_radius_m")
    public int similarRadiusM;

    /** How recent (days) another open request of this category must be to be shown as similar before filing. */
    @Column(name = "similar_days")
    public int similarDays;
}
