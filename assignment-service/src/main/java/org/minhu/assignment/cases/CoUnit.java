package org.minhu.assignment.cases;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A co-handling unit (协办) of a case: it sees the case and helps the lead unit. */
@Entity
@Table(name = "case_co_unit")
@IdClass(CoUnit.Key.class)
public class CoUnit extends PanacheEntityBase {

    @Id
    @Column(name = "case_id")
    public UUID caseId;

    @Id
    @Column(name = "unit_id")
    public String unitId;

    @Column(name = "added_at")
    public Instant addedAt;

    public record Key(UUID caseId, String unitId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
