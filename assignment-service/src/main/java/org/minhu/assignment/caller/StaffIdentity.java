package org.minhu.assignment.caller;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import io.vertx.core.http.HttpServerRequest;

import org.minhu.assignment.cases.UnitCaller;
import org.minhu.assignment.unit.Unit;
import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemType;

/**
 * The one place that says which unit the caller acts for. Until the gateway issues tokens, it
 * is the {@value #HEADER} header; the swap to a token's {@code unit_id} claim changes this class only.
 */
@RequestScoped
public class StaffIdentity {

    public static final String HEADER = "X-Unit-Id";

    /** Until the gateway issues tokens: {@code X-Role: admin} marks an administrator. */
    public static final String ROLE_HEADER = "X-Role";

    @Inject
    HttpServerRequest request;

    /** Whether the caller says it is an administrator (who sees every case). */
    public boolean isAdmin() {
        return "admin".equals(request.getHeader(ROLE_HEADER));
    }

    /** An administrator (manages units and routing rules), acting from their unit; or 401/403 problem+json. */
    public String admin() {
        UnitCaller unit = unit();
        String role = request.getHeader(ROLE_HEADER);
        if (role == null || role.isBlank()) {
            throw new ProblemException(Problem.of(ProblemType.UNAUTHENTICATED, "Identify the role with the " + ROLE_HEADER + " header"));
        }
        if (!"admin".equals(role)) {
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN, "Only an administrator may do this"));
        }
        return "admin@" + unit.unitId();
    }

    public UnitCaller unit() {
        String id = request.getHeader(HEADER);
        if (id == null || id.isBlank()) {
            throw new ProblemException(Problem.of(ProblemType.UNAUTHENTICATED, "Identify the unit with the " + HEADER + " header"));
        }
        Unit unit = Unit.findById(id);
        if (unit == null || !unit.active) {
            throw new ProblemException(Problem.of(ProblemType.UNAUTHENTICATED, "Unknown or inactive unit " + id));
        }
        return UnitCaller.of(unit);
    }
}
