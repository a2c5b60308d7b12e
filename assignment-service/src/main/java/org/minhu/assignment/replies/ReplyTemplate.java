package org.minhu.assignment.replies;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** 答复模板: a unit's reply template, for one category or any (categoryCode null). */
@Entity
@Table(name = "reply_template")
public class ReplyTemplate extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "unit_id")
    public String unitId;

    @Column(name = "category_code")
    public String categoryCode;

    public String title;

    public String body;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
