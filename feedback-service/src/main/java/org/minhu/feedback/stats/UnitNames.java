package org.minhu.feedback.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.minhu.common.persistence.NativeWrites;

/**
 * The names of the units as case events carry them ({@code unitNameZh}, {@code unitNameEn}), for
 * the rankings. A known name that has not changed is only read, never written: the consumers'
 * transactions take no lock on a unit's row, so two of them never wait on (or deadlock over) it;
 * a rename is the rare write.
 */
@ApplicationScoped
public class UnitNames {

    /** A unit's names; either may be null when no event named it. */
    public record Name(String zh, String en) {
    }

    private final EntityManager em;
    private final DataSource dataSource;

    public UnitNames(EntityManager em, DataSource dataSource) {
        this.em = em;
        this.dataSource = dataSource;
    }

    /** Remembers the unit's names from a case event, within the event's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void remember(String unitId, String zh, String en) {
        if (unitId == null || (zh == null && en == null)) {
            return;
        }
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> known = em.createNativeQuery("SELECT name_zh, name_en FROM unit_name WHERE unit_id = ?1")
                .setParameter(1, unitId).getResultList();
        if (known.isEmpty()) {
            NativeWrites.statement(em, "INSERT INTO unit_name (unit_id, name_zh, name_en) VALUES (?1, ?2, ?3) "
                            + "ON CONFLICT (unit_id) DO NOTHING", "unit_name")
                    .setParameter(1, unitId).setParameter(2, zh).setParameter(3, en).executeUpdate();
        } else if (!Objects.equals(known.get(0)[0], zh) || !Objects.equals(known.get(0)[1], en)) {
            NativeWrites.statement(em, "UPDATE unit_name SET name_zh = ?2, name_en = ?3 WHERE unit_id = ?1", "unit_name")
                    .setParameter(1, unitId).setParameter(2, zh).setParameter(3, en).executeUpdate();
        }
    }

    /** The names of these units; a unit never named is absent. */
    public Map<String, Name> of(Collection<String> unitIds) {
        Map<String, Name> out = new HashMap<>();
        if (unitIds.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT unit_id, name_zh, name_en FROM unit_name WHERE unit_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", unitIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Name(rs.getString(2), rs.getString(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("unit names query failed", e);
        }
    }
}
