package org.minhu.assignment.unit;

import jakarta.enterprise.context.RequestScoped;

import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemType;
import org.minhu.common.security.BearerCaller;

/**
 * The one place that says which unit the caller acts for: the bearer token's {@code unit_id},
 * for the roles {@code unit_staff}, {@code governance} and {@code admin}. A governance centre's
 * powers need both its kind in the unit registry and the role {@code governance}: a unit_staff
 * token naming a centre, or a governance token naming a department, is refused (403); an
 * administrator naming a centre sees every case but holds no centre power.
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

    /** The signed-in staff member's subject (the token's {@code sub}), as an author of what they write. */
    public String subject() {
        return bearer.require().subject();
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
        // powers need both the role and the unit: a governance centre's staff act for it with the role governance
        // only, and the role governance acts for a governance centre only
        boolean governance = claims.has(BearerCaller.GOVERNANCE);
        if (unit.isGovernanceCentre() && !governance && !claims.has(BearerCaller.ADMIN)) {
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN, "Unit " + unit.id
                    + " is a governance centre: acting for it needs the role governance, not unit_staff"));
        }
        if (governance && !unit.isGovernanceCentre() && !claims.has(BearerCaller.UNIT_STAFF) && !claims.has(BearerCaller.ADMIN)) {
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN, "The role governance acts for a governance centre; "
                    + unit.id + " is a " + unit.kind + " (its staff have the role unit_staff)"));
        }
        return UnitCaller.of(unit, governance);
    }
}
