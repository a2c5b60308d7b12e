package org.minhu.petition.caller;

import jakarta.enterprise.context.RequestScoped;

import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemType;
import org.minhu.common.security.BearerCaller;

/** The one place that says who the caller is: the bearer token's subject and role. */
@RequestScoped
public class CallerIdentity {

    private final BearerCaller bearer;

    public CallerIdentity(BearerCaller bearer) {
        this.bearer = bearer;
    }

    /** The calling citizen (who files requests); 401 problem+json without a valid token, 403 for another role. */
    public Caller citizen() {
        return Caller.citizen(bearer.requireAny(BearerCaller.CITIZEN).subject());
    }

    /**
     * Anyone signed in as a citizen, an auditor or staff, for what holds no personal data (similar requests): the
     * citizen's subject, or null for anyone else (who has no requests or supports of their own).
     */
    public String citizenOrNull() {
        BearerCaller.Claims claims = bearer.requireAny(BearerCaller.CITIZEN, BearerCaller.AUDITOR,
                BearerCaller.UNIT_STAFF, BearerCaller.GOVERNANCE);
        return claims.has(BearerCaller.CITIZEN) ? claims.subject() : null;
    }

    /** A citizen reading their own requests, or an auditor reading everyone's (masked). */
    public Caller reader() {
        BearerCaller.Claims claims = bearer.requireAny(BearerCaller.CITIZEN, BearerCaller.AUDITOR);
        return new Caller(claims.subject(), !claims.has(BearerCaller.CITIZEN));
    }

    /**
     * Who reads one request: a citizen or an auditor as {@link #reader()}, or staff. Staff act for the
     * token's {@code unit_id}, as assignment-service has it: a governance centre ({@code <region>-gc},
     * {@code city-gc}) only with the role {@code governance}, and the role {@code governance} only for a
     * centre (unless the token also holds {@code unit_staff}); otherwise 403, as is a staff token naming
     * no unit. Which requests each may read is {@code PetitionService.find}'s business.
     */
    public Caller petitionReader() {
        BearerCaller.Claims claims = bearer.requireAny(BearerCaller.CITIZEN, BearerCaller.AUDITOR,
                BearerCaller.UNIT_STAFF, BearerCaller.GOVERNANCE);
        if (claims.has(BearerCaller.CITIZEN) || claims.has(BearerCaller.AUDITOR)) {
            return new Caller(claims.subject(), !claims.has(BearerCaller.CITIZEN));
        }
        String unit = claims.unitId();
        if (unit == null || unit.isBlank()) {
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN, "The token names no unit (claim unit_id)"));
        }
        boolean centre = unit.endsWith("-gc");
        boolean governance = claims.has(BearerCaller.GOVERNANCE);
        if (centre && !governance) {
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN, "Unit " + unit
                    + " is a governance centre: acting for it needs the role governance, not unit_staff"));
        }
        if (!centre && !claims.has(BearerCaller.UNIT_STAFF)) {
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN, "The role governance acts for a governance centre; "
                    + unit + " is not one (its staff have the role unit_staff)"));
        }
        return centre ? new Caller(claims.subject(), false, null, unit) : new Caller(claims.subject(), false, unit, null);
    }
}
