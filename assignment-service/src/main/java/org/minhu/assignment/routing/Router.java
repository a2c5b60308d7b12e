package org.minhu.assignment.routing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.minhu.assignment.unit.Unit;

/**
 * Where a request goes: the newest version, in force at the given time, of the most specific
 * rule (town before district) for its category; with none, or an inactive unit, the district's
 * governance centre, which dispatches by hand. Every decision names the rule and version used.
 */
@ApplicationScoped
public class Router {

    /** A routing decision. {@code ruleId} and {@code ruleVersion} are null for the fallback. */
    public record Decision(String leadUnitId, List<String> coUnitIds, Long ruleId, Integer ruleVersion, boolean fallback) {
    }

    private final EntityManager em;

    public Router(EntityManager em) {
        this.em = em;
    }

    @SuppressWarnings("unchecked")
    public Decision route(String categoryCode, String regionCode, String townCode, Instant at) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT r.id, r.lead_unit_id, array_to_string(r.co_unit_ids, ','), r.version
                        FROM routing_rule r JOIN unit u ON u.id = r.lead_unit_id AND u.active
                        WHERE r.category_code = ?1 AND r.region_code IN (?2, ?3) AND r.effective_from <= ?4
                        ORDER BY (r.region_code = ?3) DESC, r.version DESC
                        LIMIT 1""")
                .setParameter(1, categoryCode)
                .setParameter(2, regionCode)
                .setParameter(3, townCode == null ? regionCode : townCode)
                .setParameter(4, Timestamp.from(at))
                .getResultList();
        return decide(rows.isEmpty() ? null : rows.get(0), regionCode);
    }

    /**
     * The decision for the rule row found (id, lead unit, co-units joined by commas, version), or,
     * with none, the fallback to the district's governance centre: reads no database.
     */
    static Decision decide(Object[] row, String regionCode) {
        if (row == null) {
            return new Decision(Unit.governanceCentreOf(regionCode), List.of(), null, null, true);
        }
        String co = (String) row[2];
        List<String> coUnits = co == null || co.isBlank() ? List.of() : Arrays.asList(co.split(","));
        return new Decision((String) row[1], coUnits, ((Number) row[0]).longValue(), ((Number) row[3]).intValue(), false);
    }
}
