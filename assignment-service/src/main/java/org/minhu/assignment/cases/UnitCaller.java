package org.minhu.assignment.cases;

import org.minhu.assignment.unit.Unit;

/**
 * Unit staff acting for their unit. A governance centre also sees the cases of its region
 * (the city's centre: all cases).
 */
public record UnitCaller(String unitId, String level, String kind, String regionCode) {

    public static UnitCaller of(Unit unit) {
        return new UnitCaller(unit.id, unit.level, unit.kind, unit.regionCode);
    }

    public boolean isGovernanceCentre() {
        return Unit.GOVERNANCE_CENTRE.equals(kind);
    }

    /** A governance centre over the case's region: the district's, or the city's. */
    public boolean governs(PetitionCase c) {
        return isGovernanceCentre() && ("CITY".equals(level) || c.regionCode.equals(regionCode));
    }

    public boolean leads(PetitionCase c) {
        return unitId.equals(c.leadUnitId);
    }

    /** Lead, co-handler, supervisor of an escalated case, or a governance centre over its region. */
    public boolean maySee(PetitionCase c) {
        return leads(c) || governs(c) || unitId.equals(c.escalatedTo)
                || CoUnit.count("caseId = ?1 and unitId = ?2", c.id, unitId) > 0;
    }
}
