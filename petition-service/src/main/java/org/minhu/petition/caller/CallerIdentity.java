package org.minhu.petition.caller;

import jakarta.enterprise.context.RequestScoped;

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

    /** A citizen reading their own requests, or an auditor reading everyone's (masked). */
    public Caller reader() {
        BearerCaller.Claims claims = bearer.requireAny(BearerCaller.CITIZEN, BearerCaller.AUDITOR);
        return new Caller(claims.subject(), !claims.has(BearerCaller.CITIZEN));
    }
}
