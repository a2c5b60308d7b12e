package org.minhu.notification.api;

import jakarta.enterprise.context.RequestScoped;

import org.minhu.common.problem.Problem;
import org.minhu.common.problem.ProblemException;
import org.minhu.common.problem.ProblemType;
import org.minhu.common.security.BearerCaller;
import org.minhu.notification.notify.Kind;

/**
 * Whose notifications the caller reads: a citizen their own (the token's subject), unit staff (and a
 * governance centre's staff) their unit's ({@code unit:<unit_id>}). Admins read every delivery record,
 * and nobody else's inbox. Other roles: 403.
 */
@RequestScoped
public class Recipients {

    private final BearerCaller bearer;

    public Recipients(BearerCaller bearer) {
        this.bearer = bearer;
    }

    /** The caller's inbox: their subject, or {@code unit:<unitId>}. */
    public String inbox() {
        BearerCaller.Claims claims = bearer.require();
        String recipient = recipient(claims);
        if (recipient == null) {
            throw new ProblemException(Problem.of(ProblemType.FORBIDDEN,
                    "Notifications are for citizens and for the staff of a unit (unit_staff or governance with unit_id)"));
        }
        return recipient;
    }

    /** Whose delivery records the caller reads: null for an admin (everyone's), else their inbox. */
    public String deliveryScope() {
        BearerCaller.Claims claims = bearer.require();
        String recipient = recipient(claims);
        if (recipient != null) {
            return recipient;
        }
        if (claims.has(BearerCaller.ADMIN)) {
            return null;
        }
        throw new ProblemException(Problem.of(ProblemType.FORBIDDEN,
                "Delivery records are for citizens (their own), unit staff (their unit's) and admins (all)"));
    }

    private static String recipient(BearerCaller.Claims claims) {
        if (claims.has(BearerCaller.CITIZEN)) {
            // a unit's inbox is unit:<id>; a citizen whose subject looked like one would read that unit's
            return claims.subject().startsWith(Kind.unit("")) ? null : claims.subject();
        }
        if ((claims.has(BearerCaller.UNIT_STAFF) || claims.has(BearerCaller.GOVERNANCE))
                && claims.unitId() != null && !claims.unitId().isBlank()) {
            return Kind.unit(claims.unitId());
        }
        return null;
    }
}
