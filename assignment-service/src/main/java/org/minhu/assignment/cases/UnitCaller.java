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

    public boolean maySee(PetitionCase c) {
        if (unitId.equals(c.leadUnitId)) {
            return true;
        }
        if (Unit.GOVERNANCE_CENTRE.equals(kind)) {
            return "CITY".equals(level) || c.regionCode.equals(regionCode);
        }
        return false;
    }
}
