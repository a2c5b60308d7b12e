package org.minhu.feedback.caller;

import jakarta.enterprise.context.RequestScoped;

import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemType;
import org.minhu.common.security.BearerCaller;

/**
 * The one place that says who may rate: a citizen (role {@code citizen}, the token's subject), or
 * hotline staff of a governance centre (role {@code governance}, {@code unit_id} their centre,
 * subject their staff id) recording a call-back. Any other role: 403.
 */
@RequestScoped
public class CallerIdentity {

    private final BearerCaller bearer;

    public CallerIdentity(BearerCaller bearer) {
        this.bearer = bearer;
    }

    public FeedbackCaller caller() {
        BearerCaller.Claims claims = bearer.require();
        if (claims.has(BearerCaller.CITIZEN)) {
            return new FeedbackCaller.Citizen(claims.subject());
        }
        if (claims.has(BearerCaller.GOVERNANCE) && claims.unitId() != null && claims.unitId().endsWith("-gc")) {
            return new FeedbackCaller.CallCentre(claims.subject(), claims.unitId());
        }
        throw new ProblemException(Problem.of(ProblemType.FORBIDDEN,
                "Only the petitioner, or hotline staff of a governance centre recording a call-back, may rate"));
    }
}
