package org.minhu.petition.catalogue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A district-level region or a town/street below one (loaded by migration V3). */
@Entity
@Table(name = "region")
public class Region extends PanacheEntityBase {

    public static final String DISTRICT = "DISTRICT";
    public static final String TOWN = "TOWN";

    @Id
    public String code;

    @Column(name = "name_zh")
    public String nameZh;

    @Column(name = "name_en")
    public String nameEn;

    public String level;

    public String kind;

    @Column(name = "parent_code")
    public String parentCode;

    @Column(name = "official_code")
    public boolean officialCode;

    @Column(name = "sort_order")
    public int sortOrder;
}
