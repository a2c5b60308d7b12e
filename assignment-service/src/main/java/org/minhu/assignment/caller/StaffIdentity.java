package org.minhu.assignment.caller;

import jakarta.enterprise.context.RequestScoped;

import org.minhu.assignment.cases.UnitCaller;
import org.minhu.assignment.unit.Unit;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemType;
import org.minhu.common.security.BearerCaller;

/**
 * The one place that says which unit the caller acts for: the bearer token's {@code unit_id},
 * for the roles {@code unit_staff}, {@code governance} and {@code admin}. What a unit may do
 * follows from the unit registry (a governance centre's powers come from its kind, not the token).
 */
@RequestScoped
public class StaffIdentity {

    private final BearerCaller bearer;

    public StaffIdentity(BearerCaller bearer) {
        this.bearer = bearer;
    }

    /** Whether the caller is an administrator (who sees every case). */
    public boolean isAdmin() {
        return bearer.require().has(BearerCaller.ADMIN);
    }

    /** An administrator (manages units and routing rules); or 401/403 problem+json. Returns who, for the audit trail. */
    public String admin() {
        BearerCaller.Claims claims = bearer.requireAny(BearerCaller.ADMIN);
        return "admin:" + claims.subject();
    }

    public UnitCaller unit() {
        BearerCaller.Claims claims = bearer.requireAny(BearerCaller.UNIT_STAFF, BearerCaller.GOVERNANCE, BearerCaller.ADMIN);
        if (claims.unitId() == null) {
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN, "The token names no unit (claim unit_id)"));
        }
        Unit unit = Unit.findById(claims.unitId());
        if (unit == null || !unit.active) {
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN, "Unknown or inactive unit " + claims.unitId()));
        }
        return UnitCaller.of(unit);
    }
}
