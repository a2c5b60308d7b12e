package org.minhu.assignment.unit;


/**
 * Unit staff acting for their unit. A governance centre also sees the cases of its region
 * (the city's centre: all cases). A centre's powers need both: the unit is a governance centre
 * (the registry says so) and the caller holds the role {@code governance} ({@code governance}).
 */
public record UnitCaller(String unitId, String level, String kind, String regionCode, boolean governance) {

    public static UnitCaller of(Unit unit, boolean governanceRole) {
        return new UnitCaller(unit.id, unit.level, unit.kind, unit.regionCode, governanceRole);
    }

    /** A governance centre's staff with the role governance: region-wide powers. */
    public boolean isGovernanceCentre() {
        return Unit.GOVERNANCE_CENTRE.equals(kind) && governance;
    }

    /** Whether the caller acts for its unit at all: a governance centre only through the role governance. */
    public boolean actsForUnit() {
        return !Unit.GOVERNANCE_CENTRE.equals(kind) || governance;
    }

    /** A governance centre over the case's region: the district's, or the city's. */
    public boolean governs(String caseRegionCode) {
        return isGovernanceCentre() && ("CITY".equals(level) || caseRegionCode.equals(regionCode));
    }

    /** The caller's unit is the lead unit {@code leadUnitId}. */
    public boolean leads(String leadUnitId) {
        return actsForUnit() && unitId.equals(leadUnitId);
    }

    /** The caller's unit supervises {@code unit} (its parent in the registry). */
    public boolean supervises(Unit unit) {
        return actsForUnit() && unit != null && unitId.equals(unit.parentId);
    }

    /**
     * Whether this governance centre may put a case in {@code target}'s hands (transfer,
     * redispatch): the city's centre anywhere, a district's centre only within its region (its
     * own departments, centre and towns), never a city department or another district's unit.
     */
    public boolean mayAssignTo(Unit target) {
        if (!isGovernanceCentre()) {
            return false;
        }
        if ("CITY".equals(level)) {
            return true;
        }
        if (target.regionCode == null || regionCode == null) {
            return false;
        }
        if (target.regionCode.equals(regionCode)) {
            return true;
        }
        Region region = Region.findById(target.regionCode);
        return region != null && regionCode.equals(region.parentCode);
    }
}
